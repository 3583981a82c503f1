// auth/routes/oauth-routes.ts — the SDK's OAuth calls against the local provider (oauth/local-provider.ts):
//   GET  /api/v1/auth/oauth/providers                 getOAuthProviders()
//   GET  /api/v1/auth/oauth/{provider}/authorize       getOAuthUrl() / signInWithOAuth() → {url, provider}
//   GET|POST /api/v1/auth/oauth/local/consent          the consent page and its answer (302 to redirect_uri?code&state)
//   GET  /api/v1/auth/oauth/{provider}/callback        exchangeCodeForSession() → the session (or requires_2fa)
//   GET|POST /api/v1/auth/user/identities, DELETE …/{id}   getUserIdentities(), linkIdentity(), unlinkIdentity()
//   POST /api/v1/auth/signin/idtoken                   signInWithIdToken() with a locally signed ID token
//   POST /studio/api/auth/id-token                     the studio mints such a token (studio token required)
//   POST /api/v1/auth/reauthenticate                   reauthenticate() → {nonce}, also mailed
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../../errors.js'
import type { AuthModule } from '../auth-module.js'
import { signJwt, verifyJwt } from '../jwt.js'
import { finishSignIn } from '../mfa-factors.js'
import { consentPage, providerLabel } from '../oauth/consent-page.js'
import { checkProvider, checkRedirectUrl, consent, deny, exchangeCode, pendingRequest, resolveIdentity, startAuthorization } from '../oauth/local-provider.js'
import { issueCode } from '../otp-codes.js'
import { requestMeta } from '../request-meta.js'
import { logSecurity } from '../security-log.js'
import { getUser, isUuid, normalizeEmail } from '../users.js'
import { checkStudioToken } from '../../studio/studio-auth.js'
import { parseBody } from './body.js'
import { rateLimit } from './guards.js'
import { sessionUser } from './user-routes.js'

const LISTED_PROVIDERS = ['github', 'google', 'gitlab', 'apple', 'microsoft', 'discord']
const ID_TOKEN_TYPE = 'id_token'

const linkBody = z.object({ provider: z.string(), redirect_uri: z.string().optional(), redirect_to: z.string().optional() })
const idTokenBody = z.object({ provider: z.string(), token: z.string(), nonce: z.string().optional() })
const mintBody = z.object({ provider: z.string().default('google'), email: z.string(), name: z.string().optional(), nonce: z.string().optional() })

function identityJson(r: { id: string; user_id: string; provider: string; identity_data: Record<string, unknown>; created_at: Date; updated_at: Date; last_sign_in_at: Date | null }) {
  return { id: r.id, user_id: r.user_id, provider: r.provider, identity_data: r.identity_data, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(), last_sign_in_at: r.last_sign_in_at?.toISOString() ?? null }
}

export async function registerOAuthRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  const { ctx } = auth

  app.get('/api/v1/auth/oauth/providers', async () => ({
    providers: LISTED_PROVIDERS.map((id) => ({ id, name: providerLabel(id), enabled: true, local: true, authorize_url: `${ctx.apiUrl}/api/v1/auth/oauth/${id}/authorize` })),
  }))

  app.get('/api/v1/auth/oauth/:provider/authorize', async (request) => {
    const provider = checkProvider((request.params as { provider: string }).provider)
    const q = request.query as Record<string, string | undefined>
    const { url } = await startAuthorization(auth, { provider, redirectUri: checkRedirectUrl(q.redirect_uri, 'redirect_uri'), redirectTo: checkRedirectUrl(q.redirect_to, 'redirect_to') })
    return { url, provider }
  })

  // The consent form posts urlencoded; only this scope parses that.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))))
    scope.get('/api/v1/auth/oauth/local/consent', async (request, reply) => {
      const state = (request.query as { state?: string }).state
      const req = await pendingRequest(auth, state)
      const { rows } = await auth.db.query<{ id: string; email: string; name: string | null }>(
        "SELECT id::text, email, user_metadata->>'name' AS name FROM auth.users WHERE email IS NOT NULL AND NOT is_anonymous ORDER BY created_at LIMIT 20",
      )
      const users = rows.map((r) => ({ id: r.id, email: r.email, name: r.name ?? undefined }))
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(consentPage({ provider: req.provider, appName: 'your app', state: state!, users, linking: !!req.link_user_id }))
    })
    scope.post('/api/v1/auth/oauth/local/consent', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>
      if (body.deny) {
        const back = await deny(auth, body.state)
        return back ? reply.redirect(back, 302) : reply.type('text/html; charset=utf-8').send('<!doctype html><p>Sign-in cancelled.</p>')
      }
      return reply.redirect(await consent(auth, body.state, body.email, body.name, requestMeta(request)), 302)
    })
  })

  app.get('/api/v1/auth/oauth/:provider/callback', async (request, reply) => {
    const provider = checkProvider((request.params as { provider: string }).provider)
    const q = request.query as Record<string, string | undefined>
    if (q.error) throw new ApiError(400, 'OAUTH_DENIED', `the sign-in was not completed: ${q.error.slice(0, 100)}`)
    const meta = requestMeta(request)
    const { userId, request: started } = await exchangeCode(auth, provider, q.code, q.state, q.redirect_uri)
    const user = await getUser(auth.db, userId)
    if (!user) throw new ApiError(400, 'INVALID_OAUTH_CODE', 'the user of this code no longer exists')
    logSecurity(ctx.logs, { event: 'oauth_signin', message: `${user.email} signed in with ${providerLabel(provider)} (local provider)`, meta, userId, email: user.email })
    const result = await finishSignIn(auth, user, meta, `${provider} sign-in`)
    // A browser sent here by the provider (no redirect_uri of the app's own) goes on to redirect_to with the tokens in
    // the fragment, as Supabase does; the SDK's exchangeCodeForSession() gets JSON.
    if (started.redirect_to && 'access_token' in result && String(request.headers.accept ?? '').includes('text/html')) {
      const fragment = new URLSearchParams({ access_token: result.access_token, refresh_token: result.refresh_token, expires_in: String(result.expires_in), token_type: 'bearer', provider })
      return reply.redirect(`${started.redirect_to.split('#')[0]}#${fragment}`, 302)
    }
    return result
  })

  app.get('/api/v1/auth/user/identities', async (request) => {
    const { user } = await sessionUser(auth, request)
    const { rows } = await auth.db.query('SELECT id::text, user_id::text, provider, identity_data, created_at, updated_at, last_sign_in_at FROM auth.identities WHERE user_id = $1 ORDER BY created_at', [user.id])
    return { identities: rows.map(identityJson) }
  })

  app.post('/api/v1/auth/user/identities', async (request) => {
    const { user } = await sessionUser(auth, request)
    const body = parseBody(linkBody, request.body)
    const provider = checkProvider(body.provider)
    const { url } = await startAuthorization(auth, { provider, linkUserId: user.id, redirectUri: checkRedirectUrl(body.redirect_uri, 'redirect_uri'), redirectTo: checkRedirectUrl(body.redirect_to, 'redirect_to') })
    return { url, provider }
  })

  app.delete('/api/v1/auth/user/identities/:id', async (request) => {
    const { user } = await sessionUser(auth, request)
    const id = (request.params as { id: string }).id
    if (!isUuid(id)) throw new ApiError(400, 'VALIDATION_ERROR', 'the identity id must be a UUID (from getUserIdentities())')
    const { rows } = await auth.db.query<{ provider: string; others: number }>(
      'SELECT provider, (SELECT count(*)::int FROM auth.identities WHERE user_id = $2 AND id <> $1) AS others FROM auth.identities WHERE id = $1 AND user_id = $2',
      [id, user.id],
    )
    const found = rows[0]
    if (!found) throw new ApiError(404, 'IDENTITY_NOT_FOUND', 'no identity with this id on this user')
    const { rows: pw } = await auth.db.query('SELECT 1 FROM auth.passwords WHERE user_id = $1', [user.id])
    // The last way in stays: a user with no other identity, no password and no address could never sign in again.
    if (found.others === 0 && pw.length === 0 && !user.email && !user.phone) {
      throw new ApiError(422, 'SINGLE_IDENTITY_NOT_DELETABLE', 'this is the user\'s only way to sign in: it cannot be unlinked')
    }
    await auth.db.query('DELETE FROM auth.identities WHERE id = $1', [id])
    logSecurity(ctx.logs, { event: 'identity_unlinked', message: `${providerLabel(found.provider)} identity unlinked`, meta: requestMeta(request), userId: user.id, email: user.email })
    return { message: 'Identity unlinked', id }
  })

  app.post('/api/v1/auth/signin/idtoken', async (request, reply) => {
    await rateLimit(auth, request, reply)
    const body = parseBody(idTokenBody, request.body)
    const provider = checkProvider(body.provider)
    const verified = await verifyJwt(ctx.keys.secret, body.token)
    const claims = verified.ok ? verified.payload : undefined
    if (!claims || claims.token_type !== ID_TOKEN_TYPE || claims.provider !== provider || typeof claims.sub !== 'string' || !claims.sub) {
      throw new ApiError(401, 'INVALID_ID_TOKEN', verified.ok ? `not a ${providerLabel(provider)} ID token of this runtime` : `invalid ID token (${verified.reason})`, undefined, 'offline, ID tokens are minted by the studio (POST /studio/api/auth/id-token) and signed with the data directory\'s JWT secret')
    }
    if (claims.nonce !== undefined && claims.nonce !== body.nonce) throw new ApiError(401, 'INVALID_ID_TOKEN', 'the ID token\'s nonce does not match the nonce sent')
    const meta = requestMeta(request)
    const { userId } = await resolveIdentity(auth, { provider, sub: claims.sub, email: normalizeEmail(claims.email), name: typeof claims.name === 'string' ? claims.name : undefined }, meta)
    const user = await getUser(auth.db, userId)
    if (!user) throw new ApiError(401, 'INVALID_ID_TOKEN', 'the user of this ID token no longer exists')
    logSecurity(ctx.logs, { event: 'oauth_signin', message: `${user.email} signed in with a ${providerLabel(provider)} ID token`, meta, userId, email: user.email })
    return finishSignIn(auth, user, meta, `${provider} ID token`)
  })

  app.post('/studio/api/auth/id-token', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(mintBody, request.body)
    const provider = checkProvider(body.provider)
    const email = normalizeEmail(body.email)
    const sub = `local-${Buffer.from(`${provider}:${email}`).toString('base64url')}`
    const claims = { iss: `${ctx.apiUrl}/api/v1/auth/oauth/${provider}`, aud: 'fluxbase-studio', sub, email, email_verified: true, provider, token_type: ID_TOKEN_TYPE, ...(body.name ? { name: body.name } : {}), ...(body.nonce ? { nonce: body.nonce } : {}) }
    return { id_token: await signJwt(ctx.keys.secret, claims, { expiresInSeconds: 600 }), provider }
  })

  app.post('/api/v1/auth/reauthenticate', async (request) => {
    const { user } = await sessionUser(auth, request)
    const destination = user.email || user.phone
    if (!destination) throw new ApiError(400, 'NO_DESTINATION', 'this user has no email address or phone number to send a nonce to')
    const { code } = await issueCode(auth, user, 'reauthentication', destination)
    logSecurity(ctx.logs, { event: 'reauthenticated', message: 'reauthentication nonce sent', meta: requestMeta(request), userId: user.id, email: user.email })
    return { nonce: code, message: 'A reauthentication code was also sent to the local inbox' }
  })
}

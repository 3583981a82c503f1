// The runtime's HTTP edge against a real embedded PostgreSQL: health, Host check, CORS, request ids, error
// shapes, the request log, the roles requests run as, and the studio status endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => {
  await rt?.stop()
})

describe('runtime', () => {
  it('answers /health with the contract shape', async () => {
    const res = await fetch(`${rt.info.apiUrl}/health`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'ok', services: { database: true } })
    expect(typeof body.timestamp).toBe('string')
    expect(await (await fetch(`${rt.info.apiUrl}/`)).json()).toEqual({ status: 'ok' })
  })

  it('binds to 127.0.0.1 only', () => {
    expect(rt.info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('refuses Host headers that are not loopback names (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const url = new URL(rt.info.apiUrl)
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: url.port, path: '/health', headers: { Host: host } }, (res) => {
          res.resume()
          resolve(res.statusCode!)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await status('evil.example.com')).toBe(403)
    expect(await status('localhost.evil.com:80')).toBe(403)
    expect(await status(`localhost:${url.port}`)).toBe(200)
    expect(await status(`127.0.0.1:${url.port}`)).toBe(200)
    expect(await status(`[::1]:${url.port}`)).toBe(200)
  })

  it('gives every request an id, and echoes a sane client-sent one', async () => {
    const a = await fetch(`${rt.info.apiUrl}/health`)
    expect(a.headers.get('x-request-id')).toMatch(/^[\w.-]+$/)
    const b = await fetch(`${rt.info.apiUrl}/health`, { headers: { 'X-Request-ID': 'my-trace-1' } })
    expect(b.headers.get('x-request-id')).toBe('my-trace-1')
    const c = await fetch(`${rt.info.apiUrl}/health`, { headers: { 'X-Request-ID': "x'; drop table--" } })
    expect(c.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('answers CORS preflights for the API and exposes Content-Range, but not for the studio API', async () => {
    const pre = await fetch(`${rt.info.apiUrl}/api/v1/tables/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,apikey,prefer' },
    })
    expect(pre.status).toBeLessThan(300)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('prefer')
    const get = await fetch(`${rt.info.apiUrl}/health`, { headers: { Origin: 'http://localhost:5173' } })
    expect(get.headers.get('access-control-expose-headers')).toContain('Content-Range')
    const studio = await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Origin: 'http://localhost:5173' } })
    expect(studio.headers.get('access-control-allow-origin')).toBeNull()
    const studioPre = await fetch(`${rt.info.apiUrl}/studio/api/sql`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(studioPre.status).toBe(403)
    expect(studioPre.headers.get('access-control-allow-origin')).toBeNull()
    expect(((await studioPre.json()) as { message: string }).message).toMatch(/cross-origin/)
  })

  it('talks to its embedded PostgreSQL over the unix socket in the data directory, and tells users the TCP address', async () => {
    const { rows } = await rt.ctx.pools.api.query<{ addr: string | null }>('SELECT inet_client_addr()::text AS addr')
    expect(rows[0].addr).toBeNull()
    expect(rt.info.databaseUrl).toMatch(/@127\.0\.0\.1:\d+\//)
  })

  it('renders unknown routes as the contract 404', async () => {
    const res = await fetch(`${rt.info.apiUrl}/api/v1/nothing-here`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'Not Found', path: '/api/v1/nothing-here' })
  })

  it('guards the studio API with the per-start token', async () => {
    expect((await fetch(`${rt.info.apiUrl}/studio/api/status`)).status).toBe(401)
    const bad = await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Authorization: 'Bearer nope' } })
    expect(bad.status).toBe(401)
    expect((await bad.json()).error).toMatch(/studio token/)
    const ok = await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ apiUrl: rt.info.apiUrl, database: 'up', postgresVersion: expect.stringMatching(/^18\./), anonKey: rt.info.anonKey })
  })

  it('writes one structured log entry per request, in memory and on disk', async () => {
    await fetch(`${rt.info.apiUrl}/api/v1/nothing-here?token=secret123`, { headers: { 'X-Request-ID': 'log-check-1' } })
    const entry = rt.ctx.logs.recent().find((e) => e.request_id === 'log-check-1' && e.category === 'http')
    expect(entry).toMatchObject({ level: 'warn', message: 'GET /api/v1/nothing-here → 404 (' + entry!.message.split('(')[1] })
    expect(entry!.fields).toMatchObject({ method: 'GET', status_code: 404, query: 'token=%5Bredacted%5D' })
    rt.ctx.logs.flush()
    const file = fs.readFileSync(path.join(rt.info.dataDir, 'logs', 'fluxbase.log'), 'utf8')
    expect(file).toContain('"request_id":"log-check-1"')
    expect(file).not.toContain('secret123')
  })

  it("sends PostgreSQL's own log lines to the log bus", async () => {
    await rt.admin.query('SELECT 1/0').catch(() => undefined)
    await new Promise((r) => setTimeout(r, 300))
    const pgLines = rt.ctx.logs.recent().filter((e) => e.category === 'postgres')
    expect(pgLines.some((e) => e.level === 'error' && e.message.includes('division by zero'))).toBe(true)
  })

  it('never serves requests as a superuser: the API role is plain and can only become the three request roles', async () => {
    const { rows } = await rt.admin.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolinherit,
              (SELECT array_agg(b.rolname::text ORDER BY b.rolname) FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = r.oid) AS member_of
         FROM pg_roles r WHERE rolname = 'fluxbase_api'`,
    )
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolinherit: false, member_of: ['anon', 'authenticated', 'service_role'] })
    const client = await rt.ctx.pools.api.connect()
    try {
      expect((await client.query('SELECT current_user AS u')).rows[0].u).toBe('fluxbase_api')
      await expect(client.query('SET ROLE postgres')).rejects.toThrow(/permission denied/)
    } finally {
      client.release()
    }
  })

  it('sets role, claims and app.* settings per transaction (withIdentity), and auth helpers read them', async () => {
    const { withIdentity } = await import('../../../electron/server/postgres/with-identity.js')
    const { identityFromClaims } = await import('../../../electron/server/identity.js')
    const uid = '11111111-2222-3333-4444-555555555555'
    const row = await withIdentity(rt.ctx.pools.api, identityFromClaims({ sub: uid, role: 'authenticated', email: 'a@b.c' }), async (c) =>
      (await c.query(`SELECT current_user AS cu, auth.uid() AS uid, auth.role() AS role, auth.jwt()->>'email' AS email,
                             current_setting('app.user_id', true) AS app_uid, current_setting('app.role', true) AS app_role`)).rows[0],
    )
    expect(row).toEqual({ cu: 'authenticated', uid, role: 'authenticated', email: 'a@b.c', app_uid: uid, app_role: 'authenticated' })
    const after = await rt.ctx.pools.api.query(`SELECT current_user AS cu, current_setting('request.jwt.claims', true) AS claims`)
    expect(after.rows[0].cu).toBe('fluxbase_api')
    expect(after.rows[0].claims || '').toBe('')
  })

  it('applies the bootstrap migrations once, and they are idempotent', async () => {
    const { rows } = await rt.admin.query('SELECT version FROM fluxbase_meta.migrations ORDER BY version')
    expect(rows.map((r) => r.version)).toContain('0001_roles_and_schemas')
    const sql = fs.readFileSync('resources/migrations/0001_roles_and_schemas.sql', 'utf8')
    await rt.admin.query(sql)
  })

  it('writes studio.json with mode 0600 and keeps the JWT secret stable across restarts', async () => {
    const st = fs.statSync(path.join(rt.info.dataDir, 'studio.json'))
    expect(st.mode & 0o777).toBe(0o600)
    const json = JSON.parse(fs.readFileSync(path.join(rt.info.dataDir, 'studio.json'), 'utf8'))
    expect(json).toMatchObject({ apiUrl: rt.info.apiUrl, anonKey: rt.info.anonKey, dataDir: rt.info.dataDir })
    expect(json.studioToken).toBeUndefined()
  })
})

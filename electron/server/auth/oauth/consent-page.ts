// auth/oauth/consent-page.ts — the local OAuth provider's consent page ("Sign in to <app> with GitHub as…"): pick one
// of the project's users or type a new email and name. Pure: data in, HTML out; every value escaped. The form posts
// back to /api/v1/auth/oauth/local/consent with the request's state, which alone identifies the pending sign-in.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export interface ConsentUser {
  id: string
  email: string
  name?: string
}

export interface ConsentPageInput {
  provider: string
  appName: string
  state: string
  users: ConsentUser[]
  linking: boolean
  error?: string
}

export function providerLabel(provider: string): string {
  const known: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', google: 'Google', apple: 'Apple', microsoft: 'Microsoft', azure: 'Azure', discord: 'Discord', facebook: 'Facebook', twitter: 'Twitter', slack: 'Slack', linkedin: 'LinkedIn' }
  return known[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1)
}

export function consentPage(input: ConsentPageInput): string {
  const label = escapeHtml(providerLabel(input.provider))
  const state = escapeHtml(input.state)
  const heading = input.linking ? `Link a ${label} account to ${escapeHtml(input.appName)}` : `Sign in to ${escapeHtml(input.appName)} with ${label}`
  const users = input.users
    .map(
      (u) =>
        `<li><form method="post" action="/api/v1/auth/oauth/local/consent"><input type="hidden" name="state" value="${state}"><input type="hidden" name="email" value="${escapeHtml(u.email)}">` +
        `<input type="hidden" name="name" value="${escapeHtml(u.name ?? '')}"><button type="submit" data-email="${escapeHtml(u.email)}">${escapeHtml(u.name ? `${u.name} <${u.email}>` : u.email)}</button></form></li>`,
    )
    .join('')
  const error = input.error ? `<p role="alert" style="color:#b00020">${escapeHtml(input.error)}</p>` : ''
  return `<!doctype html><html><head><meta charset="utf-8"><title>${heading}</title>
<style>body{font-family:system-ui;max-width:32em;margin:3em auto;color:#1f2328}ul{list-style:none;padding:0}li{margin:.4em 0}
button{font:inherit;padding:.5em 1em;cursor:pointer}input[type=email],input[type=text]{font:inherit;padding:.4em;width:100%;box-sizing:border-box;margin:.2em 0 .6em}
.note{color:#59636e;font-size:.9em}</style></head><body>
<h1>${heading}</h1>
<p class="note">Fluxbase Studio's local ${label} provider: no network, no real ${label} account. Choose who signs in.</p>${error}
${users ? `<h2>Continue as</h2><ul id="users">${users}</ul>` : ''}
<h2>Someone else</h2>
<form method="post" action="/api/v1/auth/oauth/local/consent" id="new-user"><input type="hidden" name="state" value="${state}">
<label>Email<input type="email" name="email" required></label><label>Name<input type="text" name="name"></label>
<button type="submit">Continue</button></form>
<form method="post" action="/api/v1/auth/oauth/local/consent"><input type="hidden" name="state" value="${state}"><input type="hidden" name="deny" value="1"><button type="submit" class="note">Cancel</button></form>
</body></html>`
}

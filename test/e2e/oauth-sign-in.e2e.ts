// test/e2e/oauth-sign-in.e2e.ts — an app's "Sign in with GitHub" button, offline, end to end in headless Chromium
// against a real headless runtime. The app (a tiny page served here on its own origin) does what the SDK's
// signInWithOAuth() and exchangeCodeForSession() do: GET …/oauth/github/authorize → navigate to the url → the local
// consent page → pick a user → back on the app's /auth/callback with code and state → GET …/oauth/github/callback.
// Screenshots: test/e2e/screenshots/oauth-consent.png, oauth-signed-in.png.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

/** The app: a sign-in button and a callback page, both calling the API exactly as the SDK does. */
function appHtml(apiUrl: string, anonKey: string, route: string): string {
  const common = `const API=${JSON.stringify(apiUrl)};const H={'Content-Type':'application/json',apikey:${JSON.stringify(anonKey)},Authorization:'Bearer '+${JSON.stringify(anonKey)}};`
  if (route === '/auth/callback') {
    return `<!doctype html><title>Callback</title><body><p id="out">Signing in…</p><script>${common}
(async()=>{const q=new URLSearchParams(location.search);const provider=localStorage.getItem('fluxbase.auth.oauth_provider');
const redirect=localStorage.getItem('fluxbase.auth.oauth_redirect_uri');const p=new URLSearchParams({code:q.get('code'),state:q.get('state')});if(redirect)p.append('redirect_uri',redirect);
const r=await fetch(API+'/api/v1/auth/oauth/'+provider+'/callback?'+p,{headers:H});const b=await r.json();
document.getElementById('out').textContent=r.ok?'Signed in as '+b.user.email+' ('+(b.user.user_metadata.name||'')+')':'Error: '+b.error;})();</script></body>`
  }
  return `<!doctype html><title>My app</title><body><h1>My app</h1><button id="gh">Sign in with GitHub</button><script>${common}
document.getElementById('gh').onclick=async()=>{const redirect_uri=location.origin+'/auth/callback';
const r=await fetch(API+'/api/v1/auth/oauth/github/authorize?'+new URLSearchParams({redirect_uri}),{headers:H});const {url}=await r.json();
localStorage.setItem('fluxbase.auth.oauth_provider','github');localStorage.setItem('fluxbase.auth.oauth_redirect_uri',redirect_uri);location.href=url;};</script></body>`
}

describe('Sign in with GitHub, offline', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let app: http.Server
  let appUrl: string
  let page: Page

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 900, height: 640 } })])
    const { apiUrl, anonKey } = runtime.ready
    app = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(appHtml(apiUrl, anonKey, new URL(req.url ?? '/', 'http://x').pathname))
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    // A user already in the project, offered on the consent page.
    const signUp = await fetch(`${apiUrl}/api/v1/auth/signup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'mona@acme.test', password: 'correct horse battery staple', user_metadata: { name: 'Mona' } }) })
    expect(signUp.status).toBe(201)
    page = await browser.newPage()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => (app ? app.close(resolve) : resolve(undefined)))
    await runtime?.stop()
  })

  it('the button leads to the consent page; picking a user lands back in the app signed in', async () => {
    await page.goto(appUrl)
    await page.click('#gh')
    await page.waitForURL(/\/api\/v1\/auth\/oauth\/local\/consent\?state=/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in to your app with GitHub')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oauth-consent.png') })
    await page.click('button[data-email="mona@acme.test"]')
    await page.waitForURL(new RegExp(`^${appUrl}/auth/callback\\?code=`))
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.startsWith('Signed in as'))
    expect(await page.textContent('#out')).toBe('Signed in as mona@acme.test (Mona)')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oauth-signed-in.png') })
  }, 120_000)

  it('a new person typed on the consent page gets an account; reloading the callback (a replayed code) is refused', async () => {
    await page.goto(appUrl)
    await page.click('#gh')
    await page.waitForURL(/\/oauth\/local\/consent/)
    await page.fill('#new-user input[name=email]', 'newbie@acme.test')
    await page.fill('#new-user input[name=name]', 'New Bie')
    await page.click('#new-user button')
    await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'Signing in…')
    expect(await page.textContent('#out')).toBe('Signed in as newbie@acme.test (New Bie)')
    await page.reload()
    await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'Signing in…')
    expect(await page.textContent('#out')).toBe('Error: This authorization code has already been used')
  }, 120_000)
})

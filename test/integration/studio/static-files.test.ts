// The built studio served at /studio/ (studio/static-routes.ts): the page and its assets with caching headers and
// ranges, /studio redirected to /studio/ (the page loads ./assets/…), and everything else — missing files,
// folders, dotfiles, paths out of the folder — the API's JSON 404, never a file from outside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import http from 'node:http'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
const dist = tempDataDir('fluxbase-dist-')

/** Raw HTTP, so the path goes out exactly as written (fetch would normalise `..` away). */
function rawGet(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'))
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>')
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("studio")\n'.repeat(100))
  fs.writeFileSync(path.join(dist, '.env'), 'SECRET=1')
  // A file beside the folder: no path may reach it.
  fs.writeFileSync(path.join(path.dirname(dist), `${path.basename(dist)}-outside.txt`), 'CONTENT OF A FILE OUTSIDE')
  rt = await startTestRuntime({ studioDistDir: dist })
})

afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dist, { recursive: true, force: true })
  fs.rmSync(path.join(path.dirname(dist), `${path.basename(dist)}-outside.txt`), { force: true })
})

describe('studio static files', () => {
  it('serves the page at /studio/ and redirects /studio there', async () => {
    const page = await rawGet(rt.info.apiUrl, '/studio/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('./assets/app.js')
    const bare = await rawGet(rt.info.apiUrl, '/studio?x=1')
    expect(bare.status).toBe(301)
    expect(bare.headers.location).toBe('/studio/?x=1')
  })

  it('serves assets with a type, an ETag that answers 304, and ranges', async () => {
    const js = await rawGet(rt.info.apiUrl, '/studio/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toMatch(/javascript/)
    expect(js.headers.etag).toBeTruthy()
    expect((await rawGet(rt.info.apiUrl, '/studio/assets/app.js', { 'If-None-Match': js.headers.etag! })).status).toBe(304)
    const part = await rawGet(rt.info.apiUrl, '/studio/assets/app.js', { Range: 'bytes=0-6' })
    expect(part.status).toBe(206)
    expect(part.body).toBe('console')
  })

  it('answers everything else with the JSON 404, and nothing from outside the folder', async () => {
    const outside = `${path.basename(dist)}-outside.txt`
    for (const p of ['/studio/nope.js', '/studio/assets/', '/studio/.env', `/studio/../${outside}`, `/studio/%2e%2e/${outside}`, `/studio/assets/..%2f..%2f${outside}`, '/studio/api/nope']) {
      const res = await rawGet(rt.info.apiUrl, p)
      expect(res.status, p).toBe(404)
      expect(JSON.parse(res.body), p).toMatchObject({ code: 'NOT_FOUND' })
      expect(res.body).not.toContain('CONTENT OF A FILE OUTSIDE')
      expect(res.body).not.toContain('SECRET')
    }
  })
})

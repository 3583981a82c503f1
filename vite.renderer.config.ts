// vite.renderer.config.ts — the one build config of the studio UI (renderer/). `vite build --config` uses it
// alone (headless runtime serves out/renderer at /studio/); electron.vite.config.ts reuses it.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type UserConfig } from 'vite'

const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url))
export const rendererOutDir = fileURLToPath(new URL('./out/renderer', import.meta.url))

// The built page only ever talks to the runtime that served it: nothing inline, nothing remote.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // xterm (SQL console, log tail) writes <style> elements and style attributes (sizes, colours, the selection) at run
  // time; styles only, scripts stay 'self'.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

/** Adds the CSP to built pages only: Vite's dev server injects inline styles and scripts (HMR). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'fluxbase-studio:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  }
}

export function rendererConfig(): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset URLs: the runtime serves the UI under /studio/, not at the origin's root.
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    // No .env loading from the repo root into the UI bundle.
    envDir: false,
    // `vite --config vite.renderer.config.ts` for UI work with hot reload: open
    // http://localhost:5173/#token=<the runtime's studio token>; API calls go to a running runtime.
    server: {
      proxy: {
        '/studio/api': { target: process.env.FLUXBASE_STUDIO_API ?? 'http://127.0.0.1:8080', changeOrigin: true },
      },
    },
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      // Headless mode opens the UI in whatever browser the developer has; ES2022 covers them all.
      target: 'es2022',
      // Set here, not left to the host: electron-vite would otherwise ship the renderer unminified.
      minify: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
      },
    },
  }
}

export default defineConfig(rendererConfig())

// renderer/vite.config.ts — the one build config of the studio UI. `vite build --config` uses it
// alone (headless runtime serves out/renderer at /studio/); electron.vite.config.ts reuses it.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type UserConfig } from 'vite'

const rendererRoot = fileURLToPath(new URL('.', import.meta.url))
export const rendererOutDir = fileURLToPath(new URL('../out/renderer', import.meta.url))

export function rendererConfig(): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset URLs: the runtime serves the UI under /studio/, not at the origin's root.
    base: './',
    plugins: [react()],
    // No .env loading from the repo root into the UI bundle.
    envDir: false,
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      // Headless mode opens the UI in whatever browser the developer has; ES2022 covers them all.
      target: 'es2022',
      // Set here, not left to the host: electron-vite would otherwise ship the renderer unminified.
      minify: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: fileURLToPath(new URL('./index.html', import.meta.url)),
      },
    },
  }
}

export default defineConfig(rendererConfig())

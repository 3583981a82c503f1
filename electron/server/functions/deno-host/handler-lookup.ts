// functions/deno-host/handler-lookup.ts — runs in the Deno host: finds a function's handler as upstream does
// (contract §2.2): an export `handler`, `default` or `main`, or else a module-scope `function handler` / `main`
// that is not exported at all — upstream wraps the source, so it finds those too. Such a module is loaded through a
// copy in the function's temp folder that adds the export (its relative imports made absolute, its lines
// unchanged), and stack traces name the original file again.

type Handler = (...args: unknown[]) => unknown

export interface FoundHandler {
  handler: Handler
  /** Turns the wrapper's URL back into the function's own in messages and stacks. */
  mapStack(text: string): string
}

export const NO_HANDLER = "No handler function found. Export a 'handler', 'default', or 'main' function."

const EXPORTS_A_HANDLER = /\bexport\s+(?:default\b|(?:async\s+)?function\s*\*?\s*(?:handler|main)\b|(?:const|let|var)\s+(?:handler|main)\b|\{[^}]*\b(?:handler|main)\b[^}]*\})/
/** A binding at the start of a line: the module's own scope, as written in practice. */
const MODULE_SCOPE_BINDING = /^(?:async\s+)?function\s*\*?\s*(handler|main)\s*\(|^(?:const|let|var)\s+(handler|main)\s*=/gm
const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+)\2/g

const identity = (text: string) => text

function pick(mod: Record<string, unknown>): Handler | undefined {
  return [mod.handler, mod.default, mod.main].find((f) => typeof f === 'function') as Handler | undefined
}

/** The binding a wrapper should export: `handler` before `main`, as upstream looks them up. */
export function moduleScopeHandler(source: string): 'handler' | 'main' | undefined {
  if (EXPORTS_A_HANDLER.test(source)) return undefined
  const names = [...source.matchAll(MODULE_SCOPE_BINDING)].map((m) => m[1] ?? m[2])
  return names.includes('handler') ? 'handler' : names.includes('main') ? 'main' : undefined
}

/** The source with relative imports absolute (resolved against the original) and the binding exported. */
export function wrapperSource(source: string, moduleUrl: string, binding: string): string {
  const absolute = source.replace(RELATIVE_IMPORT, (_m, head: string, quote: string, spec: string) => `${head}${quote}${new URL(spec, moduleUrl).href}${quote}`)
  return `${absolute}\n;export { ${binding} as __fluxbase_handler__ }\n`
}

interface DenoFs {
  readTextFile(path: URL): Promise<string>
  writeTextFile(path: string, text: string): Promise<void>
  rename(from: string, to: string): Promise<void>
}

/** FNV-1a: names the wrapper after its content, so workers of the same code share one file. */
function contentKey(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

export async function findHandler(moduleUrl: string, wrapperDir: string | undefined): Promise<FoundHandler> {
  const D = (globalThis as unknown as { Deno: DenoFs }).Deno
  const source = wrapperDir ? await D.readTextFile(new URL(moduleUrl)) : ''
  const binding = wrapperDir ? moduleScopeHandler(source) : undefined
  if (!binding) {
    const handler = pick((await import(moduleUrl)) as Record<string, unknown>)
    if (!handler) throw new Error(NO_HANDLER)
    return { handler, mapStack: identity }
  }
  const base = moduleUrl.slice(moduleUrl.lastIndexOf('/') + 1)
  const text = wrapperSource(source, moduleUrl, binding)
  const file = `${wrapperDir}/.fluxbase-wrapped-${contentKey(text)}-${base}`
  // Written aside and renamed: a worker starting at the same time never imports a half-written file.
  const tmp = `${file}.${crypto.randomUUID()}.tmp`
  await D.writeTextFile(tmp, text)
  await D.rename(tmp, file)
  const wrapperUrl = new URL(`file://${file}`).href
  const mapStack = (text: string) => text.split(wrapperUrl).join(moduleUrl)
  try {
    const mod = (await import(wrapperUrl)) as Record<string, unknown>
    const handler = mod.__fluxbase_handler__
    if (typeof handler !== 'function') throw new Error(NO_HANDLER)
    return { handler: handler as Handler, mapStack }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    throw Object.assign(new Error(mapStack(e.message)), { stack: mapStack(e.stack ?? e.message) })
  }
}

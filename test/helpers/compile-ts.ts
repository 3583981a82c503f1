// test/helpers/compile-ts.ts — type-checks a few in-memory TypeScript files with the typescript package's API, under
// --strict, as an app's compiler would. Returns the diagnostics as "file:line: message" lines (empty: it compiles).
// `@supabase/postgrest-js` resolves to this repo's copy, so fixture apps can use a typed PostgREST client.
import path from 'node:path'
import ts from 'typescript'

const ROOT = '/virtual-app'
const POSTGREST = path.resolve('node_modules/@supabase/postgrest-js/dist/index.d.mts')

export function compileTs(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    paths: { '@supabase/postgrest-js': [POSTGREST] },
  }
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(ROOT, name), text]))
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  const directoryExists = host.directoryExists?.bind(host)
  host.directoryExists = (d) => d === ROOT || (directoryExists ? directoryExists(d) : true)
  host.readFile = (f) => virtual.get(f) ?? readFile(f)
  host.fileExists = (f) => virtual.has(f) || fileExists(f)
  host.getSourceFile = (f, lang, onError) => {
    const text = virtual.get(f)
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError)
  }
  const program = ts.createProgram([...virtual.keys()], options, host)
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : ''
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  })
}

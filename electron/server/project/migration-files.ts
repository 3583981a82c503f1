// project/migration-files.ts — the folder's migrations and seeds as data: NNN_name.up.sql (+ .down.sql) in number
// order, each with its SHA-256 checksum, and the problems a folder can have (two files with one number, a file
// whose name does not follow the layout). Reads the disk, never the database.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ProjectLayout } from './project-layout.js'

export interface MigrationFile {
  /** The file name without `.up.sql`: the migration's name in the tracking table (as `fluxbase sync` names it). */
  name: string
  number: number
  file: string
  upSql: string
  downSql?: string
  checksum: string
}

export interface SeedFile {
  file: string
  sql: string
}

export interface FolderProblem {
  file: string
  message: string
  /** Set when two files share this number: nothing from it on may be applied while the clash lasts. */
  clash?: number
}

export interface ProjectFiles {
  migrations: MigrationFile[]
  seeds: SeedFile[]
  problems: FolderProblem[]
}

const UP = /^(\d+)_([A-Za-z0-9][\w-]*)\.up\.sql$/
const DOWN = /^(\d+)_([A-Za-z0-9][\w-]*)\.down\.sql$/

export function checksum(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

export function readMigrations(layout: ProjectLayout): { migrations: MigrationFile[]; problems: FolderProblem[] } {
  const names = readDir(layout.migrationsDir)
  const problems: FolderProblem[] = []
  const migrations: MigrationFile[] = []
  const byNumber = new Map<number, string>()
  for (const entry of names) {
    const file = path.join(layout.migrationsDir, entry)
    const up = UP.exec(entry)
    if (!up) {
      if (!DOWN.test(entry) && entry.endsWith('.sql')) problems.push({ file, message: `${entry} is not named NNN_name.up.sql (or .down.sql): it is ignored` })
      continue
    }
    const number = Number(up[1])
    const other = byNumber.get(number)
    if (other) {
      problems.push({ file, clash: number, message: `${entry} has the same number as ${other}: give one of them the next free number (nothing from ${up[1]} on is applied until then)` })
      continue
    }
    byNumber.set(number, entry)
    const upSql = fs.readFileSync(file, 'utf8')
    const downFile = path.join(layout.migrationsDir, entry.replace(/\.up\.sql$/, '.down.sql'))
    const downSql = fs.existsSync(downFile) ? fs.readFileSync(downFile, 'utf8') : undefined
    migrations.push({ name: entry.replace(/\.up\.sql$/, ''), number, file, upSql, downSql, checksum: checksum(upSql) })
  }
  migrations.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name))
  return { migrations, problems }
}

/** seed.sql first, then seed/*.sql in name order. */
export function readSeeds(layout: ProjectLayout): SeedFile[] {
  const files = fs.existsSync(layout.seedFile) ? [layout.seedFile] : []
  for (const entry of readDir(layout.seedDir)) if (entry.endsWith('.sql')) files.push(path.join(layout.seedDir, entry))
  return files.map((file) => ({ file, sql: fs.readFileSync(file, 'utf8') }))
}

export function readProjectFiles(layout: ProjectLayout): ProjectFiles {
  const { migrations, problems } = readMigrations(layout)
  return { migrations, seeds: readSeeds(layout), problems }
}

/** The lowest number two files share: nothing from it on may be applied while the clash lasts. */
export function firstClash(problems: FolderProblem[]): number | undefined {
  const numbers = problems.flatMap((p) => (p.clash === undefined ? [] : [p.clash]))
  return numbers.length ? Math.min(...numbers) : undefined
}

/** `migration new NAME` and studio changes: the next number, as wide as the folder's widest (at least 3 digits). */
export function nextMigrationFileName(layout: ProjectLayout, name: string): { name: string; file: string } {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60)
  if (!slug) throw new Error(`"${name}" has no letters or digits to name a migration with`)
  let max = 0
  let width = 3
  for (const entry of readDir(layout.migrationsDir)) {
    const m = /^(\d+)_/.exec(entry)
    if (!m) continue
    max = Math.max(max, Number(m[1]))
    width = Math.max(width, m[1].length)
  }
  const base = `${String(max + 1).padStart(width, '0')}_${slug}`
  return { name: base, file: path.join(layout.migrationsDir, `${base}.up.sql`) }
}

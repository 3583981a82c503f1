// project/migration-new.ts — `migration new NAME`: an empty, next-numbered up file (and its down file) in the
// folder, for the developer to fill in. Never overwrites: a clash is an error naming the file.
import fs from 'node:fs'
import { ApiError } from '../errors.js'
import { nextMigrationFileName } from './migration-files.js'
import type { ProjectLayout } from './project-layout.js'

export function createMigrationFile(layout: ProjectLayout, title: string): { name: string; file: string; downFile: string } {
  let next
  try {
    next = nextMigrationFileName(layout, title)
  } catch (err) {
    throw new ApiError(400, 'INVALID_MIGRATION_NAME', (err as Error).message)
  }
  fs.mkdirSync(layout.migrationsDir, { recursive: true })
  const downFile = next.file.replace(/\.up\.sql$/, '.down.sql')
  try {
    // The down file first: the watcher looks at up files, and this one is empty until the developer fills it.
    fs.writeFileSync(downFile, `-- ${next.name}: undo what the up file does\n`, { flag: 'wx' })
    fs.writeFileSync(next.file, `-- ${next.name}\n`, { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError(409, 'MIGRATION_EXISTS', `${next.file} already exists`)
    throw err
  }
  return { ...next, downFile }
}

// project/project-layout.ts — where the app's folder is and what lives in it, in the Fluxbase CLI's own layout
// (DIR/fluxbase/{migrations,rpc,functions,jobs}, DIR/fluxbase/seed.sql and seed/*.sql). Pure path arithmetic plus
// one existence check for the default; config.ts asks this module, every other room gets its folders from here.
import fs from 'node:fs'
import path from 'node:path'

export interface ProjectLayout {
  /** The app's folder (the one holding `fluxbase/`). */
  root: string
  /** root/fluxbase */
  fluxbaseDir: string
  migrationsDir: string
  rpcDir: string
  functionsDir: string
  jobsDir: string
  /** root/fluxbase/seed.sql (optional) */
  seedFile: string
  /** root/fluxbase/seed/ (optional): *.sql applied in name order after seed.sql */
  seedDir: string
}

export interface ProjectFolderOptions {
  /** --project (or its alias --project-dir). */
  project?: string
  /** The folder the studio was started from. */
  cwd?: string
  dataDir: string
}

/** --project, else the starting folder when it holds a `fluxbase/` folder, else DATA_DIR/project. */
export function resolveProjectRoot(options: ProjectFolderOptions): string {
  if (options.project) return path.resolve(options.project)
  const cwd = options.cwd ?? process.cwd()
  if (isDirectory(path.join(cwd, 'fluxbase'))) return path.resolve(cwd)
  return path.join(path.resolve(options.dataDir), 'project')
}

export function projectLayout(root: string): ProjectLayout {
  const fluxbaseDir = path.join(root, 'fluxbase')
  return {
    root,
    fluxbaseDir,
    migrationsDir: path.join(fluxbaseDir, 'migrations'),
    rpcDir: path.join(fluxbaseDir, 'rpc'),
    functionsDir: path.join(fluxbaseDir, 'functions'),
    jobsDir: path.join(fluxbaseDir, 'jobs'),
    seedFile: path.join(fluxbaseDir, 'seed.sql'),
    seedDir: path.join(fluxbaseDir, 'seed'),
  }
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory()
  } catch {
    return false
  }
}

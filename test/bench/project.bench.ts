// test/bench/project.bench.ts — `npm run bench -- project`: the project room's speed, medians of several rounds,
// each against a baseline run in the same process:
//   reset of a folder of 20 migrations + 10,000 seed rows, unchanged since the last reset (target ≤ 1 s),
//     baseline: replaying the folder into an empty database;
//   snapshot save and restore of a ~200 MB database (target ≤ 2 s each), baseline: `cp -r` of the same files;
//   a new migration file applied after it is saved (target ≤ 500 ms), no baseline (latency from the write).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { createStudioRuntime } from '../../electron/server/runtime.js'
import type { ServerContext } from '../../electron/server/context.js'
import { resetDatabase } from '../../electron/server/project/reset.js'
import { saveSnapshot, restoreSnapshot, deleteSnapshot } from '../../electron/server/project/snapshots.js'
import { replayFolder } from '../../electron/server/project/template-database.js'
import { maintenanceClient, dropDatabase } from '../../electron/server/project/database-swap.js'
import { median, spread, fmt } from './stats.js'

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5)
const SNAPSHOT_MB = Number(process.env.BENCH_SNAPSHOT_MB ?? 200)
// BENCH_RESET_ROUNDS and BENCH_SNAPSHOT_MB=0 run the parts apart.
const RESET_ROUNDS = Number(process.env.BENCH_RESET_ROUNDS ?? ROUNDS)

function makeFolder(root: string): void {
  const dir = path.join(root, 'fluxbase', 'migrations')
  fs.mkdirSync(dir, { recursive: true })
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(3, '0')
    const sql =
      i === 1
        ? 'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), created_at timestamptz DEFAULT now());\n'
        : `CREATE TABLE t${i} (id serial PRIMARY KEY, item_id int REFERENCES items (id), note text);\nCREATE INDEX t${i}_item ON t${i} (item_id);\n` +
          `ALTER TABLE t${i} ENABLE ROW LEVEL SECURITY;\nCREATE POLICY t${i}_read ON t${i} FOR SELECT TO authenticated USING (true);\n` +
          `CREATE FUNCTION f${i}(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + ${i} $$;\n`
    fs.writeFileSync(path.join(dir, `${n}_step_${i}.up.sql`), sql)
  }
  const inserts: string[] = []
  for (let b = 0; b < 100; b++) {
    const values = Array.from({ length: 100 }, (_, k) => `(${b * 100 + k + 1}, 'item ${b * 100 + k + 1}', ${(k % 50) + 0.99})`)
    inserts.push(`INSERT INTO items (id, name, price) VALUES ${values.join(', ')};`)
  }
  fs.writeFileSync(path.join(root, 'fluxbase', 'seed.sql'), inserts.join('\n') + '\n')
}

function line(label: string, values: number[], target: string, baseline?: number[]): void {
  const m = median(values)
  const s = spread(values)
  const base = baseline ? `; baseline ${fmt(median(baseline), 0)} ms (spread ${fmt(spread(baseline).min, 0)}–${fmt(spread(baseline).max, 0)}), ratio ${fmt(m / median(baseline))}` : ''
  console.log(`${label}: median ${fmt(m, 0)} ms (spread ${fmt(s.min, 0)}–${fmt(s.max, 0)}, ${values.length} rounds)${base}; target ${target}`)
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-bench-project-'))
  fs.chmodSync(tmp, 0o755) // PostgreSQL's own user must pass through to the data directory
  const project = path.join(tmp, 'app')
  makeFolder(project)
  const runtime = createStudioRuntime({ dataDir: path.join(tmp, 'data'), project, port: 0, quiet: true })
  await runtime.start()
  const ctx = runtime.context!
  try {
    // 1. Reset of an unchanged folder against replaying it into an empty database.
    await resetDatabase(ctx) // builds the template once: later resets of the unchanged folder clone it
    const replay: number[] = []
    const resets: number[] = []
    for (let r = 0; r < RESET_ROUNDS; r++) {
      const maint = await maintenanceClient(ctx.pools.admin)
      const name = `bench_replay_${r}`
      replay.push(
        await timed(async () => {
          await maint.query(`CREATE DATABASE ${name} TEMPLATE template0`)
          await replayFolder(ctx.pools.admin, name, ctx.config.project)
        }),
      )
      await dropDatabase(maint, name)
      await maint.end()
      resets.push(await timed(() => resetDatabase(ctx)))
    }
    const rows = (await ctx.pools.admin.query('SELECT count(*)::int AS n FROM items')).rows[0].n
    line(`reset, 20 migrations + ${rows} seed rows, folder unchanged`, resets, '≤ 1000 ms', replay)

    if (SNAPSHOT_MB > 0) await snapshots(ctx, tmp)
    await migrationLatency(ctx)
  } finally {
    await runtime.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

async function snapshots(ctx: ServerContext, tmp: string): Promise<void> {
    // 2. Snapshot save and restore of a ~200 MB database against cp -r of its files.
    await ctx.pools.admin.query(`CREATE TABLE bulk (id int, pad text); INSERT INTO bulk SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, ${Math.round(SNAPSHOT_MB * 7000)}) g`)
    await ctx.pools.admin.query('CHECKPOINT')
    // The database's own folder, found through the table's file (the folder the baseline copies).
    const copies: number[] = []
    const saves: number[] = []
    const restores: number[] = []
    const sizes: number[] = []
    for (let r = 0; r < Math.min(ROUNDS, 3); r++) {
      // Found again each round: a restore makes a new database the live one, in a folder of its own.
      const { rows: db } = await ctx.pools.admin.query<{ file: string; size: number }>("SELECT pg_relation_filepath('bulk') AS file, pg_database_size(current_database())::float8 AS size")
      const dbDir = path.join(ctx.config.dataDir, 'pgdata', path.dirname(db[0].file))
      sizes.push(db[0].size)
      const target = path.join(tmp, `cp-${r}`)
      const t0 = performance.now()
      const cp = spawnSync('cp', ['-r', dbDir, target])
      copies.push(performance.now() - t0)
      if (cp.status !== 0) throw new Error(`cp failed: ${cp.stderr}`)
      fs.rmSync(target, { recursive: true, force: true })
      saves.push(await timed(() => saveSnapshot(ctx, `bench-${r}`)))
      restores.push(await timed(() => restoreSnapshot(ctx, `bench-${r}`)))
      await deleteSnapshot(ctx, `bench-${r}`)
    }
    const mb = fmt(median(sizes) / 1048576, 0)
    line(`snapshot save, ${mb} MB database`, saves, '≤ 2000 ms', copies)
    line(`snapshot restore, ${mb} MB database`, restores, '≤ 2000 ms', copies)
    await ctx.pools.admin.query('DROP TABLE bulk')
}

async function migrationLatency(ctx: ServerContext): Promise<void> {
    // 3. A new migration file saved → applied (the watcher), measured until its table exists.
    const applied: number[] = []
    const check = new pg.Client({ connectionString: ctx.databaseUrl })
    await check.connect()
    for (let r = 0; r < ROUNDS; r++) {
      const n = 100 + r
      const t0 = performance.now()
      fs.writeFileSync(path.join(ctx.config.project.migrationsDir, `${n}_watch_${r}.up.sql`), `CREATE TABLE watch_${r} (id int);\n`)
      for (;;) {
        if ((await check.query(`SELECT to_regclass('public.watch_${r}') AS t`)).rows[0].t) break
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      applied.push(performance.now() - t0)
    }
    await check.end()
    line('new migration file applied after save', applied, '≤ 500 ms')
}

await main()

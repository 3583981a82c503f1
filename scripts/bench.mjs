// scripts/bench.mjs — `npm run bench -- <area> [args]` runs test/bench/<area>.bench.ts (with tsx); no area lists them.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const [area, ...rest] = process.argv.slice(2)
const areas = fs.readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''))
if (!area || !areas.includes(area)) {
  console.log(`usage: npm run bench -- <area>\nareas: ${areas.join(', ')}`)
  process.exit(area ? 2 : 0)
}
const tsx = path.resolve('node_modules/.bin/tsx')
const res = spawnSync(tsx, [`test/bench/${area}.bench.ts`, ...rest], { stdio: 'inherit' })
process.exit(res.status ?? 1)

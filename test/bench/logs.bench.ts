// test/bench/logs.bench.ts — `npm run bench -- logs [search|tail]`: searching 100,000 stored log entries (≤ 200 ms
// target), then 5,000 entries/s for 60 s tailed live in headless Chromium (no main-thread task over 100 ms,
// nothing lost on disk). The live half needs the studio UI built (`npm run build:renderer`).
import { benchLogSearch } from './logs-search.js'
import { benchLogTail } from './logs-tail.js'

const only = process.argv[2]
if (!only || only === 'search') await benchLogSearch()
if (!only || only === 'tail') await benchLogTail()

// test/bench/logs.bench.ts — `npm run bench -- logs`: searching 100,000 stored log entries (≤ 200 ms target).
import { benchLogSearch } from './logs-search.js'

await benchLogSearch()

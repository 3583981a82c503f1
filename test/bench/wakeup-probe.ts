// test/bench/wakeup-probe.ts — how fast this machine passes control between two processes right now: the median
// round trip of one byte to a child process and back (each way a process wakes another, as in every API request).
// Printed by the REST bench so its figures can be read against the VM's state at the time (it varies by 2× here).
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { median } from './stats.js'

const ECHO = "process.stdin.on('data', (b) => process.stdout.write(b))"

export async function wakeupRoundTripMicros(trips = 2000): Promise<number> {
  const child = spawn(process.execPath, ['-e', ECHO], { stdio: ['pipe', 'pipe', 'ignore'] })
  const times: number[] = []
  try {
    await new Promise<void>((resolve) => {
      let t0 = 0
      const send = () => {
        t0 = performance.now()
        child.stdin.write('x')
      }
      child.stdout.on('data', () => {
        times.push((performance.now() - t0) * 1000)
        if (times.length >= trips) resolve()
        else send()
      })
      send()
    })
  } finally {
    child.kill()
  }
  return median(times.slice(trips / 10))
}

// The log bus: ring buffer bounds, subscribers, JSON lines on disk and rotation by size.
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLogBus } from '../../../electron/server/logs/log-bus.js'

describe('log bus', () => {
  it('keeps the last N entries in order and notifies subscribers', async () => {
    const bus = createLogBus({ ringSize: 3 })
    const seen: string[] = []
    const off = bus.subscribe((e) => seen.push(e.message))
    for (let i = 1; i <= 5; i++) bus.log({ category: 'system', level: 'info', message: `m${i}` })
    off()
    bus.log({ category: 'system', level: 'info', message: 'm6' })
    expect(bus.recent().map((e) => e.message)).toEqual(['m4', 'm5', 'm6'])
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
    const ids = bus.recent().map((e) => e.id)
    expect([...ids].sort((a, b) => a - b)).toEqual(ids)
    await bus.close()
  })

  it('appends JSON lines and rotates past the size cap, keeping a bounded number of files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logbus-'))
    const bus = createLogBus({ dir, ringSize: 10, maxFileBytes: 2000, keepFiles: 3 })
    for (let i = 0; i < 200; i++) bus.log({ category: 'http', level: 'info', message: `request ${i} ${'x'.repeat(50)}` })
    await bus.close()
    const files = fs.readdirSync(dir).sort()
    expect(files).toEqual(['fluxbase.log', 'fluxbase.log.1', 'fluxbase.log.2'])
    const lines = fs.readFileSync(path.join(dir, 'fluxbase.log'), 'utf8').trim().split('\n')
    expect(JSON.parse(lines[lines.length - 1]).message).toMatch(/^request 199 /)
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(2000 + 200)
    fs.rmSync(dir, { recursive: true })
  })

  it('does not let a throwing subscriber break logging', async () => {
    const bus = createLogBus({ ringSize: 5 })
    bus.subscribe(() => {
      throw new Error('boom')
    })
    expect(() => bus.log({ category: 'system', level: 'info', message: 'ok' })).not.toThrow()
    await bus.close()
  })
})

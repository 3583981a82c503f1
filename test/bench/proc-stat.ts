// test/bench/proc-stat.ts — reading Linux's /proc/<pid>/stat for the benches (process trees, CPU time used).
import fs from 'node:fs'

export interface ProcStat {
  /** The command name, without its parentheses. */
  name: string
  ppid: number
  /** CPU seconds so far, in user space and in the kernel. */
  user: number
  kernel: number
}

/** One process's stat line, or undefined once it has exited (or off Linux). */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The name may hold spaces and parentheses: the fields start after its last ')'. Then state is [0], ppid [1],
    // utime [11], stime [12] (clock ticks, 100 a second).
    const close = stat.lastIndexOf(')')
    const fields = stat.slice(close + 2).split(' ')
    return { name: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(fields[1]), user: Number(fields[11]) / 100, kernel: Number(fields[12]) / 100 }
  } catch {
    return undefined
  }
}

/** Every process id on the machine. */
export function allPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
}

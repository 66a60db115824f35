/** Linux /proc readings: resident memory of a process, CPU time per program name (where the CPU went). */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** VmRSS and VmHWM (peak) of a process in MB, from /proc/<pid>/status. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds used so far by every process, summed by program name (comm). */
export function cpuByProgram(): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    out.set(comm, (out.get(comm) ?? 0) + ticks / TICKS_PER_SECOND);
  }
  return out;
}

/**
 * Where the machine's CPU went between two cpuByProgram() snapshots, in cores (CPU seconds per wall second), top
 * programs first. Processes that started and ended in between are missed; the benchmark's own are long-lived.
 */
export function cpuShare(before: Map<string, number>, after: Map<string, number>, seconds: number) {
  const rows: { program: string; cores: number }[] = [];
  for (const [program, total] of after) {
    const used = total - (before.get(program) ?? 0);
    if (used > 0.05 * seconds) rows.push({ program, cores: Math.round((used / seconds) * 100) / 100 });
  }
  rows.sort((a, b) => b.cores - a.cores);
  return { seconds: Math.round(seconds * 10) / 10, cores: os.cpus().length, byProgram: rows.slice(0, 8) };
}

/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package, so the benchmark
 * document can say where the time goes from a measurement.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled wall time of the thread, ms. */
  totalMs: number;
  /** Share of samples in which the thread was idle (waiting on PostgreSQL, Redis, timers). */
  idlePercent: number;
  topFunctions: { fn: string; where: string; selfMs: number; percent: number }[];
  byPackage: { name: string; selfMs: number; percent: number }[];
  /**
   * The same time charged to the nearest caller that is a package or project code: a socket write (native
   * `writev`, node's `net`) counts for `pg` or `ioredis`, whichever asked for it.
   */
  byCallerPackage: { name: string; selfMs: number; percent: number }[];
}

/** "pg", "bullmq", "src/normalize", "node:internal", "(garbage collector)", … */
function packageOf(url: string, fn: string, root: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (clean.startsWith('node:')) return 'node (built-in)';
  const rel = path.relative(root, clean);
  if (!rel.startsWith('..')) return rel.split('/').slice(0, 2).join('/');
  return 'other';
}

export function summarizeProfile(file: string, root: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const isOwner = (pkg: string) => !['(native)', 'node (built-in)', 'other', '(program)'].includes(pkg);
  const ownerOf = (id: number): string => {
    const self = byId.get(id)!;
    const selfPkg = packageOf(self.callFrame.url, self.callFrame.functionName, root);
    if (self.callFrame.functionName.startsWith('(') && !self.callFrame.url) return selfPkg; // GC, program
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const n = byId.get(at)!;
      const pkg = packageOf(n.callFrame.url, n.callFrame.functionName, root);
      if (isOwner(pkg)) return pkg;
    }
    return selfPkg;
  };
  const owners = new Map<string, number>();
  const selfUs = new Map<number, number>();
  // Each sample's time is the delta to the next one (the V8 convention).
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + delta);
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const pkgs = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const fn = functionName || '(anonymous)';
    const file = url ? url.replace(/^file:\/\//, '').replace(`${root}/`, '') : '';
    // Project files run through tsx's transform: their line numbers are the transformed code's, so only the file.
    const where = !file
      ? ''
      : file.includes('node_modules/') || file.startsWith('node:')
        ? `${file}:${lineNumber + 1}`
        : file;
    const key = `${fn}@${where}`;
    const entry = fns.get(key) ?? { fn, where, us: 0 };
    entry.us += us;
    fns.set(key, entry);
    const pkg = packageOf(url, fn, root);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
    // Nothing but the runtime on the stack (socket callbacks, timers, the event loop itself).
    const owner = ownerOf(id).replace(/^\(root\)$/, 'node runtime (no package on the stack)');
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const busy = total - idle || 1;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10;
  return {
    totalMs: ms(total),
    idlePercent: Math.round((idle / total) * 1000) / 10,
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, selfMs: ms(f.us), percent: pct(f.us) })),
    byPackage: [...pkgs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, us]) => ({ name, selfMs: ms(us), percent: pct(us) })),
    byCallerPackage: [...owners]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, us]) => ({ name, selfMs: ms(us), percent: pct(us) })),
  };
}

/**
 * `npm run bench`: runs every workload script (bench/<name>.ts, each runnable alone and printing one JSON result)
 * in its own child process, sequentially, several times; aggregates median and min–max; profiles (node --cpu-prof)
 * each workload that misses a target; prints a table and writes docs/benchmarks.md.
 *
 *   npm run bench [-- --runs 3] [-- --only webhooks,normalizer]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { aggregate, type WorkloadSummary } from './lib/aggregate';
import { numberArg } from './lib/bench-args';
import { summarizeProfile } from './lib/cpu-profile';
import { describeEnvironment } from './lib/environment';
import { measureHostSpeed } from './lib/host-speed';
import { consoleTable, markdown, tableRows } from './lib/render-report';
import type { WorkloadResult } from './lib/workload-result';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Math.max(1, numberArg('runs', 3));
const onlyIndex = process.argv.indexOf('--only');
const ONLY = onlyIndex > 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : null;

interface Workload {
  id: string;
  title: string;
  script: string;
  /** Arguments of the i-th run (0-based). */
  args: (run: number) => string[];
  timeoutSeconds: number;
}

// Sized so the whole suite stays under 15 minutes on a 2-core machine (see docs/benchmarks.md for the settings).
const WORKLOADS: Workload[] = [
  {
    id: 'webhooks',
    title: 'Webhook ingress',
    script: 'bench/webhooks.ts',
    args: () => ['--seconds', '3'],
    timeoutSeconds: 120,
  },
  {
    id: 'end-to-end',
    title: 'End to end (queued SMS → committed incidents)',
    script: 'bench/end-to-end.ts',
    // The concurrency sweep once, in the first run; the other runs measure the service setting only.
    // Time-boxed at 30 s a run: the queue holds all 20,000, and what committed in that time gives the rate.
    args: (run) => [
      '--messages',
      '20000',
      '--max-seconds',
      '30',
      ...(run === 0 ? ['--sweep', '1,4,16', '--sweep-messages', '1000'] : ['--sweep', '']),
    ],
    timeoutSeconds: 400,
  },
  {
    id: 'message-to-screen',
    title: 'Message to screen (webhook → live list)',
    script: 'bench/message-to-screen.ts',
    args: () => ['--rate', '100', '--seconds', '6'],
    timeoutSeconds: 120,
  },
  {
    id: 'imap-sync',
    title: 'IMAP initial sync',
    script: 'bench/imap-sync.ts',
    // Time-boxed like end to end: after 60 s (the target is 20 s) what committed by then is counted.
    args: () => ['--messages', '10000', '--max-seconds', '60'],
    timeoutSeconds: 240,
  },
  {
    id: 'normalizer',
    title: 'Normalizer (one core)',
    script: 'bench/normalizer.ts',
    args: () => ['--messages', '50000'],
    timeoutSeconds: 120,
  },
  {
    id: 'staff-list',
    title: 'Staff list and search at 1,000,000 incidents',
    script: 'bench/staff-list.ts',
    args: () => ['--count', '1000000', '--runs', '100'],
    // The first run may seed the million rows (minutes); later runs reuse the database.
    timeoutSeconds: 900,
  },
  {
    id: 'footprint',
    title: 'Footprint (npm start, resident memory)',
    script: 'bench/footprint.ts',
    args: () => ['--rate', '300', '--seconds', '6'],
    timeoutSeconds: 120,
  },
];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Runs one script in a child process; resolves to its parsed JSON result or an error message. */
function runScript(
  script: string,
  args: string[],
  timeoutSeconds: number,
  extra: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<{ result?: WorkloadResult; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(extra.nodeArgs ?? []), '--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...extra.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    // SIGTERM first: the scripts drop their databases and queues on it.
    const timer = setTimeout(() => {
      err += `\nbench: timed out after ${timeoutSeconds} s`;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, timeoutSeconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return resolve({ error: `exit ${code}: ${err.trim().split('\n').slice(-3).join(' ')}` });
      try {
        resolve({ result: JSON.parse(out) as WorkloadResult });
      } catch {
        resolve({ error: `no JSON result: ${out.slice(0, 200)}` });
      }
    });
  });
}

/** One shorter run under node --cpu-prof (and the spawned service's own profile), summarized. */
async function profile(w: Workload, args: string[]): Promise<WorkloadSummary['profiles']> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `halo-bench-prof-${w.id}-`));
  try {
    mkdirSync(path.join(dir, 'service'));
    const run = await runScript(w.script, args, w.timeoutSeconds, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
      env: { BENCH_CPU_PROF_DIR: dir },
    });
    if (run.error) {
      log(`${w.id}: profile run failed: ${run.error}`);
      return [];
    }
    const out: WorkloadSummary['profiles'] = [];
    for (const [sub, label] of [
      ['service', 'service process (workers/all.ts)'],
      ['', `benchmark process (${w.script})`],
    ] as const) {
      const folder = path.join(dir, sub);
      // Main threads only (thread id 0 in the file name); worker threads are load generators.
      for (const file of readdirSync(folder).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))) {
        const summary = summarizeProfile(path.join(folder, file), ROOT);
        if (summary.idlePercent < 97) out.push({ process: label, summary });
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runWorkload(w: Workload): Promise<WorkloadSummary> {
  const started = performance.now();
  const summary: WorkloadSummary = {
    id: w.id,
    title: w.title,
    script: w.script,
    seconds: 0,
    runs: [],
    metrics: [],
    errors: [],
    profiles: [],
  };
  if (!existsSync(path.join(ROOT, w.script))) {
    summary.skipped = `missing ${w.script}`;
    log(`${w.id}: ${summary.skipped}`);
    return summary;
  }
  for (let i = 0; i < RUNS; i++) {
    log(`${w.id}: run ${i + 1}/${RUNS} …`);
    const run = await runScript(w.script, w.args(i), w.timeoutSeconds);
    if (run.result) summary.runs.push(run.result);
    else {
      summary.errors.push(run.error ?? 'unknown error');
      log(`${w.id}: run ${i + 1} failed: ${run.error}`);
    }
  }
  summary.metrics = aggregate(summary.runs);
  for (const m of summary.metrics) log(`${w.id}: ${m.name} = ${m.median} ${m.unit} (${m.min}–${m.max})`);
  const profileArgs = summary.runs[0]?.profileArgs;
  if (profileArgs && summary.metrics.some((m) => m.met === false)) {
    log(`${w.id}: target missed; profiling one shorter run …`);
    summary.profiles = await profile(w, profileArgs);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const start = performance.now();
  const loadStart = os.loadavg();
  const environment = await describeEnvironment(ROOT);
  const speedStart = measureHostSpeed();
  log(
    `load average ${loadStart.map((n) => n.toFixed(2)).join(' ')}; ${environment.machine.cores} cores; host speed ${speedStart.sha256MbPerSecond} MB/s SHA-256, ${speedStart.jsonKiloOpsPerSecond}k JSON round trips/s`,
  );
  const workloads: WorkloadSummary[] = [];
  for (const w of WORKLOADS) {
    if (ONLY && !ONLY.includes(w.id)) continue;
    workloads.push(await runWorkload(w));
  }
  const seconds = (performance.now() - start) / 1000;
  const report = {
    startedAt,
    seconds,
    loadAverage: { start: loadStart, end: os.loadavg() },
    hostSpeed: { start: speedStart, end: measureHostSpeed() },
    environment,
    runsPerWorkload: RUNS,
    workloads,
  };
  process.stdout.write(`\n${consoleTable(tableRows(workloads))}\n\n`);
  const file = path.join(ROOT, 'docs/benchmarks.md');
  writeFileSync(file, markdown(report));
  // The project's formatter lays the tables out, so `biome check .` stays clean after a run.
  spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', file], { cwd: ROOT, stdio: 'ignore' });
  log(
    `wrote ${path.relative(ROOT, file)} in ${Math.round(seconds)} s; load average ${report.loadAverage.end.map((n) => n.toFixed(2)).join(' ')}`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

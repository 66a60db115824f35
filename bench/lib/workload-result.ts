/**
 * What every workload script prints on stdout (one JSON object), and bench/run.ts collects: named metrics, each
 * with the ceiling measured in the same run and the target it is held against.
 */

export interface Metric {
  /** Stable name within the workload ("messages/s", "p95 at 100/s"). */
  name: string;
  value: number;
  unit: string;
  /** Which way is better: decides whether a target is met. */
  better: 'higher' | 'lower';
  /** The same measure on the ceiling (hello-world, do-nothing worker, …), from the same run. */
  ceiling?: { label: string; value: number };
  target?: number;
}

export interface WorkloadResult {
  workload: string;
  title: string;
  /** Settings this run used (counts, concurrency, rates). */
  settings: Record<string, string | number | boolean>;
  metrics: Metric[];
  /** Set instead of metrics when the workload cannot run here (e.g. its script does not exist yet). */
  skipped?: string;
  notes?: string[];
  /** Anything else worth keeping in the JSON (per-phase figures, sweeps). */
  details?: unknown;
  /** Arguments for one shorter run under `node --cpu-prof`, when a target is missed (bench/run.ts profiles it). */
  profileArgs?: string[];
}

/** Writes the result as the script's only stdout output. */
export function printResult(result: WorkloadResult): void {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** true / false, or null when the metric has no target. */
export function meetsTarget(m: Pick<Metric, 'value' | 'better' | 'target'>): boolean | null {
  if (m.target === undefined || !Number.isFinite(m.value)) return m.target === undefined ? null : false;
  return m.better === 'higher' ? m.value >= m.target : m.value <= m.target;
}

/** Runs a workload's main, printing errors on stderr and failing the process (never a half result on stdout). */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => {
      // Lingering sockets (a closing pool, a pub/sub client) must not keep a finished benchmark alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    },
    (err: unknown) => {
      process.stderr.write(`bench: ${(err as Error)?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}

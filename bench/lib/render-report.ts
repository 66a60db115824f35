/** The console table and docs/benchmarks.md from the aggregated workloads. */
import type { AggregatedMetric, WorkloadSummary } from './aggregate';
import type { Environment } from './environment';
import type { HostSpeed } from './host-speed';

const num = (n: number) =>
  Number.isFinite(n)
    ? Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en')
      : String(Math.round(n * 100) / 100)
    : '–';

function unitted(n: number, unit: string): string {
  if (unit === '/s') return `${num(n)}/s`;
  if (unit === '×') return `${num(n)}×`;
  if (unit.startsWith('of ')) return `${num(n)} ${unit}`;
  return `${num(n)} ${unit}`;
}

function target(m: AggregatedMetric): string {
  if (m.target === undefined) return '';
  return `${m.better === 'higher' ? '≥' : '<'} ${unitted(m.target, m.unit)}`;
}

const verdict = (m: AggregatedMetric) => (m.met === null ? '' : m.met ? 'met' : '**missed**');

export interface TableRow {
  workload: string;
  measure: string;
  median: string;
  range: string;
  ceiling: string;
  target: string;
  verdict: string;
}

export function tableRows(workloads: WorkloadSummary[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const w of workloads) {
    if (w.skipped || w.metrics.length === 0) {
      rows.push({
        workload: w.title,
        measure: w.skipped ?? `failed: ${w.errors[0] ?? 'no result'}`,
        median: '',
        range: '',
        ceiling: '',
        target: '',
        verdict: '',
      });
      continue;
    }
    for (const m of w.metrics) {
      rows.push({
        workload: w.id,
        measure: m.name,
        median: unitted(m.median, m.unit),
        range: m.runs > 1 ? `${num(m.min)}–${num(m.max)} (${m.runs} runs)` : `${m.runs} run`,
        ceiling: m.ceiling ? `${unitted(m.ceiling.median, m.unit)} (${m.ceiling.label})` : '',
        target: target(m),
        verdict: verdict(m),
      });
    }
  }
  return rows;
}

/** A plain-text table for the terminal. */
export function consoleTable(rows: TableRow[]): string {
  const head: TableRow = {
    workload: 'workload',
    measure: 'measure',
    median: 'median',
    range: 'min–max',
    ceiling: 'ceiling (same run)',
    target: 'target',
    verdict: '',
  };
  const keys = Object.keys(head) as (keyof TableRow)[];
  const all = [head, ...rows].map((r) => ({ ...r, verdict: r.verdict.replace(/\*/g, '') }));
  const width = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  return all
    .map((r) =>
      keys
        .map((k, i) => r[k].padEnd(width[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function mdTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const speedText = (s: HostSpeed) =>
  `SHA-256 ${s.sha256MbPerSecond} MB/s, ${s.jsonKiloOpsPerSecond.toLocaleString('en')}k JSON round trips/s`;

export interface ReportInput {
  startedAt: Date;
  seconds: number;
  loadAverage: { start: number[]; end: number[] };
  hostSpeed: { start: HostSpeed; end: HostSpeed };
  environment: Environment;
  runsPerWorkload: number;
  workloads: WorkloadSummary[];
}

function whereTimeGoes(w: WorkloadSummary): string[] {
  const out: string[] = [];
  for (const p of w.profiles) {
    const s = p.summary;
    const top = s.byCallerPackage
      .filter((x) => !x.name.startsWith('('))
      .slice(0, 3)
      .map((x) => `${x.name} ${x.percent} %`)
      .join(', ');
    out.push(
      `In short: the ${p.process} was busy ${num(100 - s.idlePercent)} % of the sampled time (one core = 100 %); most of` +
        ` that went to ${top}. Start-up (loading modules through tsx) is part of the profile.`,
      '',
    );
    out.push(
      `**${p.process}** — \`node --cpu-prof\`, ${num(s.totalMs / 1000)} s sampled, idle ${s.idlePercent} % (waiting on` +
        ` PostgreSQL, Redis, the network or timers). Self time of the busy part, charged to the package that asked for` +
        ' it (a socket write counts for the client library that wrote):',
      '',
      mdTable(
        ['package', 'self ms', 'share of busy'],
        s.byCallerPackage.map((r) => [r.name, num(r.selfMs), `${r.percent} %`]),
      ),
      '',
      'Top self-time functions:',
      '',
      mdTable(
        ['function', 'where', 'self ms', 'share of busy'],
        s.topFunctions.slice(0, 12).map((f) => [`\`${f.fn}\``, f.where || '(native)', num(f.selfMs), `${f.percent} %`]),
      ),
      '',
    );
  }
  return out;
}

/** Workload-specific evidence kept in the runs' details (CPU by program, concurrency sweep, query plans). */
function evidence(w: WorkloadSummary): string[] {
  const out: string[] = [];
  const details = w.runs.map((r) => r.details as Record<string, unknown> | undefined);
  if (w.id === 'end-to-end') {
    const first = details.find((d) => d?.pipeline) as
      | {
          pipeline: { perSecond: number; cpu?: { byProgram: { program: string; cores: number }[]; cores: number } };
          sweep: Record<string, { perSecond: number; ceilingPerSecond: number | null; completed: number }>;
        }
      | undefined;
    if (first?.pipeline.cpu) {
      out.push(
        `CPU used by program while the pipeline drained (first run, in cores of ${first.pipeline.cpu.cores}; other engineers' work included when the machine is shared):`,
        '',
        mdTable(
          ['program', 'cores', 'CPU ms per message'],
          first.pipeline.cpu.byProgram.map((p) => [
            p.program,
            String(p.cores),
            first.pipeline.perSecond > 0 ? num((p.cores / first.pipeline.perSecond) * 1000) : '–',
          ]),
        ),
        '',
      );
    }
    if (first && Object.keys(first.sweep).length) {
      out.push(
        'Worker concurrency (one run each, fewer messages; the main figures use the service setting):',
        '',
        mdTable(
          ['setting', 'messages/s', 'do-nothing worker/s', 'completed'],
          Object.entries(first.sweep).map(([k, v]) => [
            k,
            num(v.perSecond),
            v.ceilingPerSecond === null ? '–' : num(v.ceilingPerSecond),
            String(v.completed),
          ]),
        ),
        '',
      );
    }
  }
  if (w.id === 'staff-list') {
    const plans = details.flatMap((d) => (d?.slowQueryPlans as { label: string; plan: string[] }[] | undefined) ?? []);
    const seen = new Set<string>();
    for (const p of plans) {
      if (seen.has(p.label)) continue;
      seen.add(p.label);
      out.push(`Query plan of "${p.label}" (EXPLAIN ANALYZE, BUFFERS):`, '', '```', ...p.plan.slice(0, 25), '```', '');
    }
  }
  return out;
}

export function markdown(r: ReportInput): string {
  const env = r.environment;
  const rows = tableRows(r.workloads);
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (bench/run.ts) on ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${Math.round(r.seconds / 60)} min.`,
    `Every figure is the median of ${r.runsPerWorkload} runs (each workload in its own process, its own database and queue prefix), with`,
    'the min–max of those runs, beside a ceiling measured in the same run on the same machine, and the target.',
    `Load average (1, 5, 15 min) at start: ${r.loadAverage.start.map((n) => n.toFixed(2)).join(', ')}; at the end:`,
    `${r.loadAverage.end.map((n) => n.toFixed(2)).join(', ')}. A load above the core count means other work shared the machine and the figures are low.`,
    `Host speed (bench/lib/host-speed.ts, one core) at start: ${speedText(r.hostSpeed.start)}; at the end: ${speedText(r.hostSpeed.end)}.`,
    'The machine is virtual on a shared host and its speed drifts (the same code measured up to a quarter slower an hour',
    'apart): compare two runs by these figures and by the ceilings, not by the figures alone. What changed between',
    'runs, with A/B comparisons, is in [benchmark-history.md](benchmark-history.md).',
    '',
    '## Machine',
    '',
    mdTable(
      ['', ''],
      [
        ['CPU', env.machine.cpu],
        ['cores', String(env.machine.cores)],
        ['memory', `${env.machine.memoryGb} GB`],
        ['OS', env.machine.os],
      ],
    ),
    '',
    '## Versions',
    '',
    mdTable(['component', 'version'], Object.entries(env.versions)),
    '',
    '## Settings',
    '',
    mdTable(['setting', 'value'], Object.entries(env.servers)),
    '',
    mdTable(
      ['workload', 'settings'],
      r.workloads
        .filter((w) => w.runs[0])
        .map((w) => [
          w.id,
          Object.entries(w.runs[0]!.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
        ]),
    ),
    '',
    '## Results',
    '',
    mdTable(
      ['workload', 'measure', 'median', 'min–max', 'ceiling (same run)', 'target', ''],
      rows.map((x) => [x.workload, x.measure, x.median, x.range, x.ceiling, x.target, x.verdict]),
    ),
    '',
  ];
  for (const w of r.workloads) {
    lines.push(`## ${w.title}`, '', `\`npx tsx ${w.script}\` — ${Math.round(w.seconds)} s for all runs.`, '');
    if (w.skipped) {
      lines.push(w.skipped, '');
      continue;
    }
    for (const e of w.errors) lines.push(`Run failed: \`${e.split('\n')[0]}\``, '');
    const notes = [...new Set(w.runs.flatMap((x) => x.notes ?? []))];
    for (const n of notes) lines.push(`- ${n}`);
    if (notes.length) lines.push('');
    lines.push(...evidence(w));
    const missed = w.metrics.filter((m) => m.met === false);
    if (missed.length) {
      lines.push(`### Where the time goes (${missed.map((m) => m.name).join(', ')} missed)`, '');
      if (w.profiles.length) lines.push(...whereTimeGoes(w));
      else if (w.id !== 'staff-list') lines.push('No CPU profile for this workload (its script declares none).', '');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Repeated runs of a workload → one row per metric: median, min–max, the ceiling's median, the target's verdict. */
import type { ProfileSummary } from './cpu-profile';
import { round, spread } from './stats';
import { meetsTarget, type WorkloadResult } from './workload-result';

export interface AggregatedMetric {
  name: string;
  unit: string;
  better: 'higher' | 'lower';
  target?: number;
  median: number;
  min: number;
  max: number;
  runs: number;
  ceiling?: { label: string; median: number; min: number; max: number };
  met: boolean | null;
}

export interface WorkloadSummary {
  id: string;
  title: string;
  script: string;
  seconds: number;
  runs: WorkloadResult[];
  metrics: AggregatedMetric[];
  skipped?: string;
  errors: string[];
  profiles: { process: string; summary: ProfileSummary }[];
}

export function aggregate(runs: WorkloadResult[]): AggregatedMetric[] {
  const names: string[] = [];
  for (const r of runs) for (const m of r.metrics) if (!names.includes(m.name)) names.push(m.name);
  return names.map((name) => {
    const all = runs.flatMap((r) => r.metrics.filter((m) => m.name === name));
    const first = all[0]!;
    const s = spread(all.map((m) => m.value));
    const ceilings = all.flatMap((m) => (m.ceiling ? [m.ceiling.value] : []));
    const c = spread(ceilings);
    const median = round(s.median);
    return {
      name,
      unit: first.unit,
      better: first.better,
      ...(first.target !== undefined ? { target: first.target } : {}),
      median,
      min: round(s.min),
      max: round(s.max),
      runs: s.runs,
      ...(first.ceiling
        ? { ceiling: { label: first.ceiling.label, median: round(c.median), min: round(c.min), max: round(c.max) } }
        : {}),
      met: meetsTarget({ value: median, better: first.better, target: first.target }),
    };
  });
}

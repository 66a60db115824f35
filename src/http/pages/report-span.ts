/**
 * The span of local days a report covers, from `?from=YYYY-MM-DD&to=YYYY-MM-DD`: strictly validated (a 400 in
 * Bahasa Indonesia for anything else), and the presets the dashboard links to.
 */
import type { DaySpan } from '../../db/repos/incident-counts';
import { addDays, isLocalDate, isoDayOf, localClock } from '../../follow-up/local-time';
import { HttpError } from '../http-errors';

export const MAX_REPORT_DAYS = 366;

/** The last `days` local days, today included. */
export function lastDays(days: number, timezone: string, now = new Date()): DaySpan {
  const to = localClock(now, timezone).date;
  return { from: addDays(to, 1 - days), to, timezone };
}

export function reportPresets(timezone: string, now = new Date()): { label: string; from: string; to: string }[] {
  const today = localClock(now, timezone).date;
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { label: 'Minggu ini', from: addDays(today, 1 - isoDayOf(today)), to: today },
    { label: 'Bulan ini', from: monthStart, to: today },
    { label: 'Bulan lalu', from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd },
  ];
}

function day(q: Record<string, unknown>, key: 'from' | 'to'): string | undefined {
  const v = q[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !isLocalDate(v)) {
    throw new HttpError(
      400,
      'bad_request',
      `${key}: tanggal harus berformat YYYY-MM-DD dan benar-benar ada, misalnya 2026-05-12`,
    );
  }
  return v;
}

/** Without dates: this week (Monday to today). */
export function parseReportSpan(q: Record<string, unknown>, timezone: string, now = new Date()): DaySpan {
  const week = reportPresets(timezone, now)[0]!;
  const from = day(q, 'from') ?? week.from;
  const to = day(q, 'to') ?? (day(q, 'from') ? addDays(from, 6) : week.to);
  if (to < from) throw new HttpError(400, 'bad_request', 'to: tanggal akhir tidak boleh sebelum tanggal awal');
  if (Date.parse(to) - Date.parse(from) >= MAX_REPORT_DAYS * 86_400_000) {
    throw new HttpError(400, 'bad_request', `Rentang laporan paling lama ${MAX_REPORT_DAYS} hari`);
  }
  return { from, to, timezone };
}

const dateFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "12 Mei 2026" for a local date. */
export function longDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

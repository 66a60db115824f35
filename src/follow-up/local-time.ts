/**
 * Wall-clock arithmetic in the office's time zone (TIMEZONE), pure: local dates as "YYYY-MM-DD", times as minutes
 * of the day. Built on the shared memoised zone offsets (shared/zone-offset.ts), so it holds for zones with DST too.
 */
import { offsetMinutes } from '../shared/zone-offset';

export const MINUTES_PER_DAY = 1440;

export interface LocalClock {
  /** "YYYY-MM-DD" in the time zone. */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoDay: number;
  /** Minutes since local midnight. */
  minute: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "22:00" → 1320; throws on anything else than HH:MM (00:00–24:00). */
export function parseClockTime(value: string): number {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)(?::00)?$/.exec(value.trim());
  if (!m) throw new Error(`time: expected HH:MM, got "${value}"`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > MINUTES_PER_DAY) throw new Error(`time: expected HH:MM, got "${value}"`);
  return minutes;
}

export function formatClockTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The local date, weekday and minute of an instant. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const ms = at.getTime();
  const local = new Date(ms + offsetMinutes(ms, timeZone) * 60000);
  const day = local.getUTCDay();
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    isoDay: day === 0 ? 7 : day,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The ISO weekday of a local date. */
export function isoDayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A local date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of a local date and minute (minute may be 1440: the next midnight). */
export function localToInstant(date: string, minute: number, timeZone: string): Date {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * 60000;
  // The offset at the guess, then at the corrected guess: right on both sides of a DST change.
  let ms = asUtc - offsetMinutes(asUtc, timeZone) * 60000;
  ms = asUtc - offsetMinutes(ms, timeZone) * 60000;
  return new Date(ms);
}

export function isLocalDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

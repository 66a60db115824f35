/**
 * Response-deadline arithmetic, pure. A target is clock minutes (an urgent report is verified at night too),
 * working hours (counted only inside the office's hours on working days) or working days (the day of receipt is not
 * counted; the deadline is the close of the Nth working day after it). Working days are ISO weekdays minus the
 * configured national holidays, in the office's time zone.
 */
import type { DeadlineTargets } from '../settings';
import { addDays, isoDayOf, localClock, localToInstant, parseClockTime } from './local-time';

export type Target = { minutes: number } | { workingHours: number } | { workingDays: number };

export interface WorkCalendar {
  timeZone: string;
  /** ISO weekdays the office works (1 = Monday). */
  days: number[];
  /** Office hours, "HH:MM". */
  from: string;
  to: string;
  /** National holidays and collective leave, "YYYY-MM-DD" (a list, or a look-up that computes years as asked). */
  holidays: readonly string[] | { has(date: string): boolean };
}

/** Safety net: a calendar without a single working day in this many days is a configuration error. */
const MAX_SEARCH_DAYS = 3660;

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  const holiday = 'has' in cal.holidays ? cal.holidays.has(date) : cal.holidays.includes(date);
  return cal.days.includes(isoDayOf(date)) && !holiday;
}

function nextWorkingDay(date: string, cal: WorkCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new Error('deadlines: the working calendar has no working day (check workingDays and holidays)');
}

/** The instant a target falls due for something that started at `start`. */
export function addTarget(start: Date, target: Target, cal: WorkCalendar): Date {
  if ('minutes' in target) return new Date(start.getTime() + target.minutes * 60000);
  const open = parseClockTime(cal.from);
  const close = parseClockTime(cal.to);
  if (close <= open) throw new Error('deadlines: office hours must end after they start');
  const local = localClock(start, cal.timeZone);
  if ('workingDays' in target) {
    let day = local.date;
    for (let i = 0; i < target.workingDays; i++) day = nextWorkingDay(day, cal);
    return localToInstant(day, close, cal.timeZone);
  }
  // Working hours: walk the office's open intervals from the start, consuming the remaining minutes.
  let remaining = Math.round(target.workingHours * 60);
  if (remaining <= 0) return start;
  let day = local.date;
  let from = isWorkingDay(day, cal) ? Math.max(local.minute, open) : close;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    const available = Math.max(0, close - from);
    if (remaining <= available) return localToInstant(day, from + remaining, cal.timeZone);
    remaining -= available;
    day = nextWorkingDay(day, cal);
    from = open;
  }
  throw new Error('deadlines: the working calendar has no working day (check workingDays and holidays)');
}

export type Milestone = 'verify' | 'answer' | 'resolve';

export interface IncidentProgress {
  status: 'new' | 'verified' | 'in_progress' | 'resolved' | 'rejected';
  receivedAt: Date;
  verifiedAt: Date | null;
  answeredAt: Date | null;
  resolvedAt: Date | null;
}

export interface Deadlines {
  verifyDueAt: Date;
  answerDueAt: Date;
  resolveDueAt: Date;
  /** The nearest target not met yet; null once the incident is closed (resolved or rejected). */
  dueAt: Date | null;
}

/** Every target of an incident, and the one that is due next. */
export function incidentDeadlines(p: IncidentProgress, targets: DeadlineTargets, cal: WorkCalendar): Deadlines {
  const verifyDueAt = addTarget(p.receivedAt, targets.verify, cal);
  const answerDueAt = addTarget(p.receivedAt, targets.answer, cal);
  const resolveDueAt = addTarget(p.receivedAt, targets.resolve, cal);
  if (p.status === 'resolved' || p.status === 'rejected')
    return { verifyDueAt, answerDueAt, resolveDueAt, dueAt: null };
  const open = [
    p.verifiedAt ? null : verifyDueAt,
    p.answeredAt ? null : answerDueAt,
    p.resolvedAt ? null : resolveDueAt,
  ].filter((d): d is Date => d !== null);
  const dueAt = open.length ? new Date(Math.min(...open.map((d) => d.getTime()))) : null;
  return { verifyDueAt, answerDueAt, resolveDueAt, dueAt };
}

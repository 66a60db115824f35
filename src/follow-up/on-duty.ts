/**
 * Who is on duty at an instant, pure. A person's weekly pattern is a set of ISO days and a shift from..to in the
 * office's time zone; a shift whose end is not after its start runs past midnight and belongs to the day it starts
 * (`--days 5 --from 22:00 --to 06:00` covers Friday night into Saturday morning). No days = every day; no hours =
 * the whole day. A dated exception replaces the pattern for the shift that starts on that date: off (leave), or on
 * duty at its own hours (a swap). The roster's order is the escalation order, so results keep it.
 */
import type { DutyException } from '../db/repos/duty-roster';
import { addDays, isoDayOf, localClock, MINUTES_PER_DAY, parseClockTime } from './local-time';

export interface DutyPattern {
  days: number[];
  from: string | null;
  to: string | null;
  active: boolean;
  exceptions: DutyException[];
}

/** A shift as minutes from the local midnight of the day it starts; `end` may pass 1440 (overnight). */
interface Shift {
  start: number;
  end: number;
}

function shiftOf(from: string | null, to: string | null): Shift {
  if (!from || !to) return { start: 0, end: MINUTES_PER_DAY };
  const start = parseClockTime(from);
  const end = parseClockTime(to);
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

/** The shift that starts on a local date, or null when the person is not on duty that day. */
export function shiftStarting(person: DutyPattern, date: string): Shift | null {
  const exception = person.exceptions.find((e) => e.date === date);
  if (exception) return exception.onDuty ? shiftOf(exception.from, exception.to) : null;
  if (person.days.length > 0 && !person.days.includes(isoDayOf(date))) return null;
  return shiftOf(person.from, person.to);
}

/** Whether a person is on duty at an instant. */
export function isOnDuty(person: DutyPattern, at: Date, timeZone: string): boolean {
  if (!person.active) return false;
  const now = localClock(at, timeZone);
  const today = shiftStarting(person, now.date);
  if (today && now.minute >= today.start && now.minute < today.end) return true;
  // Yesterday's overnight shift, seen from today: minute m today is m + 1440 from yesterday's midnight.
  const yesterday = shiftStarting(person, addDays(now.date, -1));
  return Boolean(yesterday && now.minute + MINUTES_PER_DAY < yesterday.end);
}

/** The people on duty at an instant, in roster order. */
export function onDutyAt<T extends DutyPattern>(roster: T[], at: Date, timeZone: string): T[] {
  return roster.filter((p) => isOnDuty(p, at, timeZone));
}

/**
 * The next person to alert when nobody answered: among those not alerted yet, the first in roster order who is on
 * duty now, else the first in roster order (the escalation list reaches past the shift: someone must answer).
 */
export function nextToEscalate<T extends DutyPattern & { id: string }>(
  roster: T[],
  alreadyAlerted: ReadonlySet<string>,
  at: Date,
  timeZone: string,
): T | null {
  const candidates = roster.filter((p) => p.active && !alreadyAlerted.has(p.id));
  return candidates.find((p) => isOnDuty(p, at, timeZone)) ?? candidates[0] ?? null;
}

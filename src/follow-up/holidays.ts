/**
 * Holidays for response deadlines: Indonesia's national holidays from `date-holidays` (moveable Islamic, Hindu,
 * Buddhist and Chinese ones computed: Idul Fitri, Idul Adha, Nyepi, Waisak, Imlek…) plus the cuti bersama and
 * local holidays admins keep in the settings. The library's Nyepi and Waisak dates are published ones and stop a few
 * years ahead (docs/workspace.md, "Hari libur"): later years go in the admins' list.
 */
import Holidays from 'date-holidays';
import type { Settings } from '../settings';

export interface Holiday {
  /** "YYYY-MM-DD" */
  date: string;
  name: string;
}

/** The library's Indonesian name for 27 Rajab is wrong ("Maulid"): Isra Mi'raj. */
const NAME_BY_RULE: Record<string, string> = { '27 Rajab': "Isra Mi'raj Nabi Muhammad" };

const library = new Holidays('ID');
const byYear = new Map<number, Holiday[]>();

/** National public holidays of a year, in Bahasa Indonesia (computed once per year). */
export function nationalHolidays(year: number): Holiday[] {
  let found = byYear.get(year);
  if (!found) {
    found = library
      .getHolidays(year, 'id')
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: NAME_BY_RULE[h.rule] ?? h.name }));
    byYear.set(year, found);
  }
  return found;
}

/** Every holiday of a year, national and the admins' own, by date. */
export function holidaysOfYear(year: number, settings: Pick<Settings, 'holidays'>): Holiday[] {
  const own = settings.holidays.filter((h) => h.date.startsWith(`${year}-`));
  const all = [...nationalHolidays(year), ...own];
  const seen = new Set<string>();
  return all
    .filter((h) => {
      const key = `${h.date} ${h.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** Whether a local date is a holiday, national or the admins' (years computed as they are asked for). */
export function holidayLookup(settings: Pick<Settings, 'holidays'>): { has(date: string): boolean } {
  const own = new Set(settings.holidays.map((h) => h.date));
  return {
    has: (date) => own.has(date) || nationalHolidays(Number(date.slice(0, 4))).some((h) => h.date === date),
  };
}

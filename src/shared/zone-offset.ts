/**
 * A time zone's offset from UTC at an instant, with Intl only, memoised: the normalizer reads times with it and the
 * follow-up's wall-clock arithmetic (rosters, deadlines) counts with it, so it holds for zones with DST too.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a time zone (Intl, slow: only used through the offset memo). */
function intlParts(
  instantMs: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(instantMs)) {
    if (p.type in parts) parts[p.type as keyof typeof parts] = Number(p.value);
  }
  if (parts.hour === 24) parts.hour = 0;
  return parts;
}

// Offsets change only on whole (or half) hours, at DST transitions: memoise per zone and quarter hour.
const offsetMemo = new Map<string, number>();

/** The zone's offset from UTC at an instant, in minutes (Asia/Makassar: 480). */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instantMs / 900000)}`;
  const hit = offsetMemo.get(key);
  if (hit !== undefined) return hit;
  const p = intlParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60000);
  if (offsetMemo.size > 10_000) offsetMemo.clear();
  offsetMemo.set(key, offset);
  return offset;
}

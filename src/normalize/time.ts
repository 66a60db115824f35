/**
 * When the event happened (or is planned): explicit times ("pukul 21.00 WITA", "jam 10 pagi",
 * "Kamis (16/9/2021) malam", "29 November 2026") and relative ones ("tadi malam", "kemarin sore", "td subuh",
 * "barusan", "besok jam 10 pagi") read against the message's receivedAt in the office's time zone, with Intl only.
 * Null when the message says nothing about time; habits ("tiap malam minggu") are not a time.
 */
import { offsetMinutes } from '../shared/zone-offset';
import { SLANG } from './abbreviations';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Wall-clock parts of an instant in a time zone. */
export function localParts(instantMs: number, timeZone: string): LocalParts {
  const d = new Date(instantMs + offsetMinutes(instantMs, timeZone) * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** ISO-8601 with the zone's offset: "2026-11-19T21:00:00+08:00". */
export function formatIso(instantMs: number, offsetMin: number): string {
  // Assembled from the parts: toISOString() and slicing cost more than the rest of the time reading.
  const local = new Date(instantMs + offsetMin * 60000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) return `${local.toISOString().slice(0, 19)}${offsetText(offsetMin)}`;
  return `${String(year).padStart(4, '0')}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}${offsetText(offsetMin)}`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "+08:00" for 480 minutes. */
function offsetText(offsetMin: number): string {
  const abs = Math.abs(offsetMin);
  return `${offsetMin >= 0 ? '+' : '-'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const FIXED_ZONES: Record<string, number> = { wib: 420, wita: 480, wit: 540 };

/** The words time is written with: their slang spellings ("kmrn", "td", "pkl") come from the one slang table. */
const TIME_WORDS: ReadonlySet<string> = new Set([
  'tadi',
  'malam',
  'kemarin',
  'besok',
  'jam',
  'sekarang',
  'barusan',
  'sedang',
  'masih',
  'hari',
  'minggu',
  'sebentar',
  'petang',
  'subuh',
  'siang',
  'dini hari',
]);
const TIME_SLANG: Record<string, string> = Object.fromEntries(
  [...SLANG].filter(([slang, word]) => slang !== word && TIME_WORDS.has(word)),
);
/** Only the slang words, each a whole run of letters (as a [a-z]+ token would be): one pass, no call per word. */
const SLANG_RE = new RegExp(
  `(?<![a-z])(?:${Object.keys(TIME_SLANG)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![a-z])`,
  'g',
);

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  agst: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  des: 12,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  minggu: 0,
  ahad: 0,
  senin: 1,
  selasa: 2,
  rabu: 3,
  kamis: 4,
  jumat: 5,
  sabtu: 6,
};
const PART_HOURS: Record<string, number> = {
  'dini hari': 2,
  subuh: 5,
  fajar: 5,
  pagi: 8,
  siang: 12,
  sore: 16,
  petang: 18,
  magrib: 18,
  maghrib: 18,
  malam: 20,
};

const PART = '(dini hari|subuh|fajar|pagi|siang|sore|petang|magrib|maghrib|malam)';
const ZONE = '(wita|wib|wit)';
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const NUMERIC_DATE_RE = /(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)/;
const NAMED_DATE_RE = new RegExp(`(?<!\\d)(\\d{1,2})\\s*(${MONTH_NAMES})\\.?(?:\\s*(\\d{4}))?(?![a-z])`);
const TANGGAL_RE = /\b(?:tanggal|tgl)\.?\s*(\d{1,2})(?!\d|[/-]\d)/;
const CLOCK_RE = new RegExp(
  `(?:\\b(sampai|hingga|sd|s\\.d\\.?|smp|tiap|setiap)\\s+)?\\b(?:jam|pukul)\\s*(\\d{1,2})(?:[.:](\\d{2}))?(?!\\d)` +
    `\\s*(?:${ZONE}\\b)?\\s*(?:${PART}\\b)?\\s*(?:${ZONE}\\b)?`,
);
const BARE_CLOCK_RE = new RegExp(`(?<![\\d.,:])(\\d{1,2})[.:](\\d{2})\\s*${ZONE}\\b`);
const REL_DAY_RE =
  /\b(kemarin lusa|kemarin|semalam|tadi|hari ini|besok|lusa|minggu lalu|minggu kemarin|pekan lalu|minggu depan|pekan depan|(\d{1,2}) hari (?:yang |yg )?lalu)\b/;
const WEEKDAY_RE =
  /\b(hari\s+)?(minggu|ahad|senin|selasa|rabu|kamis|jumat|sabtu)\b(?!\s+(?:lalu|depan|kemarin|ini|ke\b))/;
const PART_RE = new RegExp(
  `(?:\\b(tiap|setiap|sering|biasanya|kalau|klo|kl)\\s+)?\\b${PART}(\\s+(?:ini|minggu|jumat|hari))?\\b`,
);
const NOW_RE =
  /\b(barusan|baru saja|baru2 ini|sekarang|saat ini|sedang berlangsung|masih berlangsung|sementara berlangsung|sedang terjadi)\b/;
const HOURS_AGO_RE = /\b(\d{1,2}|se|satu|dua|tiga) jam (?:yang |yg )?lalu\b/;
const FUTURE_RE = /\b(akan|rencana|rencananya|direncanakan|mau|hendak|besok|nanti|lusa|depan|ini malam|malam ini)\b/;

/** Anything that could start a time expression (slang included); false means "no time named". */
const ANY_TIME_RE = new RegExp(
  `\\d[/.:-]\\d|\\b(?:${[...Object.keys(TIME_SLANG), ...Object.keys(MONTHS), ...Object.keys(WEEKDAYS), ...Object.keys(PART_HOURS), 'fajar', 'jam', 'pukul', 'tanggal', 'tgl', 'kemarin', 'semalam', 'tadi', 'hari', 'besok', 'lusa', 'minggu', 'pekan', 'barusan', 'baru', 'sekarang', 'saat', 'sedang', 'masih', 'sementara', 'dini', 'jumat', "jum'at"].sort((a, b) => b.length - a.length).join('|')})\\b`,
  'i',
);

function normaliseForTime(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/jum'?at/g, 'jumat')
      .replace(SLANG_RE, (w) => TIME_SLANG[w] ?? w)
      // Runs of whitespace and any whitespace but a plain space become one space (single spaces stay untouched).
      .replace(/\s{2,}|[^\S ]/g, ' ')
  );
}

/** Day offset in whole days between two local dates. */
function addDays(p: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function adjustHour(hour: number, part: string | undefined): number {
  if (!part) return hour;
  if ((part === 'malam' && hour >= 6 && hour < 12) || ((part === 'sore' || part === 'petang') && hour < 12))
    return hour + 12;
  if (part === 'malam' && hour === 12) return 0;
  if (part === 'siang' && hour < 6) return hour + 12;
  return hour;
}

/**
 * occurredAt for a message, ISO-8601 with the zone's offset, or null when the text names no time.
 * @param receivedAt ISO-8601 of the message's arrival (the "now" of every relative word)
 * @param timeZone IANA zone of the office ("Asia/Makassar")
 */
export function extractOccurredAt(text: string, receivedAt: string, timeZone: string): string | null {
  const receivedMs = Date.parse(receivedAt);
  if (!Number.isFinite(receivedMs)) return null;
  // Most messages name no time at all: one cheap scan before the real work.
  if (!ANY_TIME_RE.test(text)) return null;
  const t = normaliseForTime(text);
  const future = FUTURE_RE.test(t);
  let zoneOffset: number | null = null;
  const tzOffset = offsetMinutes(receivedMs, timeZone);
  const now = localParts(receivedMs, timeZone);
  const today = { year: now.year, month: now.month, day: now.day };

  let day: { year: number; month: number; day: number } | null = null;
  let dayIsPastRelative = false;
  let dayIsFutureRelative = false;
  let hour: number | null = null;
  let minute = 0;
  let explicitPart: string | undefined;

  // Dates and clock times are written with digits: without one, their patterns have nothing to find.
  const digits = /\d/.test(t);
  // Dates written out.
  const numeric = digits ? NUMERIC_DATE_RE.exec(t) : null;
  const named = digits ? NAMED_DATE_RE.exec(t) : null;
  if (numeric && (!named || numeric.index <= named.index)) {
    let year = Number(numeric[3]);
    if (year < 100) year += 2000;
    const month = Number(numeric[2]);
    const d = Number(numeric[1]);
    if (month >= 1 && month <= 12 && d >= 1 && d <= 31) day = { year, month, day: d };
  } else if (named) {
    const month = MONTHS[named[2] ?? ''] ?? 0;
    const d = Number(named[1]);
    let year = named[3] ? Number(named[3]) : now.year;
    // Without a year, a date far in the future is last year's (a report of "28 Desember" sent on 3 January).
    if (!named[3] && Date.UTC(year, month - 1, d) - Date.UTC(now.year, now.month - 1, now.day) > 200 * 86400000) year--;
    if (month >= 1 && d >= 1 && d <= 31) day = { year, month, day: d };
  } else {
    const tanggal = digits ? TANGGAL_RE.exec(t) : null;
    if (tanggal) {
      const d = Number(tanggal[1]);
      if (d >= 1 && d <= 31) day = { year: now.year, month: now.month, day: d };
    }
  }

  // Relative days.
  let nightBefore = false;
  const rel = REL_DAY_RE.exec(t);
  if (!day && rel) {
    const w = rel[1] ?? '';
    let delta = 0;
    if (rel[2]) delta = -Number(rel[2]);
    else if (w === 'kemarin lusa') delta = -2;
    else if (w === 'kemarin') delta = -1;
    else if (w === 'semalam') nightBefore = true;
    else if (w === 'besok') delta = 1;
    else if (w === 'lusa') delta = 2;
    else if (w === 'minggu lalu' || w === 'minggu kemarin' || w === 'pekan lalu') delta = -7;
    else if (w === 'minggu depan' || w === 'pekan depan') delta = 7;
    day = addDays(today, delta);
    dayIsPastRelative = delta < 0 || w === 'tadi' || w === 'semalam';
    dayIsFutureRelative = delta > 0;
    if (w === 'tadi' && /\btadi malam\b/.test(t)) nightBefore = true;
  }

  // Weekdays ("hari Senin", "Kamis (16/9/2021) malam"): the coming one for plans, the last one otherwise.
  if (!day) {
    const wd = WEEKDAY_RE.exec(t);
    if (wd && (wd[1] || wd[2] !== 'minggu')) {
      const target = WEEKDAYS[wd[2] ?? ''] ?? 0;
      const todayDow = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay();
      let delta = target - todayDow;
      if (future) {
        if (delta < 0) delta += 7;
      } else if (delta > 0) delta -= 7;
      day = addDays(today, delta);
      dayIsPastRelative = delta < 0;
      dayIsFutureRelative = delta > 0;
    }
  }

  // Clock times ("jam 10 pagi", "pukul 21.00 WITA"); an end time ("sampai jam 2") or a habit is skipped.
  let clock = digits ? CLOCK_RE.exec(t) : null;
  let rest = t;
  let partText = t;
  while (clock?.[1]) {
    // An end time is not when it happened; its "subuh" must not be read as the start either.
    partText = partText.replace(clock[0], ' ');
    rest = rest.slice(clock.index + clock[0].length);
    clock = CLOCK_RE.exec(rest);
  }
  if (clock) {
    const h = Number(clock[2]);
    const m = clock[3] ? Number(clock[3]) : 0;
    if (h <= 24 && m < 60) {
      // "malam jam 9": the part of the day may stand before the clock.
      explicitPart = clock[5] ?? PART_RE.exec(partText.replace(clock[0], ' '))?.[2];
      hour = adjustHour(h % 24, explicitPart);
      minute = m;
      const zone = clock[4] ?? clock[6];
      if (zone) zoneOffset = FIXED_ZONES[zone] ?? null;
    }
  } else {
    const bare = digits ? BARE_CLOCK_RE.exec(t) : null;
    if (bare) {
      const h = Number(bare[1]);
      const m = Number(bare[2]);
      if (h < 24 && m < 60) {
        hour = h;
        minute = m;
        zoneOffset = FIXED_ZONES[bare[3] ?? ''] ?? null;
      }
    }
  }

  // Parts of the day ("sore", "td subuh"); habits ("tiap sore") are not a time.
  if (hour === null) {
    let partMatch = PART_RE.exec(partText);
    let scan = partText;
    while (partMatch?.[1]) {
      scan = scan.slice(partMatch.index + partMatch[0].length);
      partMatch = PART_RE.exec(scan);
    }
    // "malam minggu" after "tiap" was skipped above; a lone "malam minggu" is Saturday night, too vague alone.
    if (partMatch && !(partMatch[3]?.trim() === 'minggu' && !day)) {
      const part = partMatch[2] ?? '';
      hour = PART_HOURS[part] ?? null;
      if (nightBefore && part !== 'malam') nightBefore = false;
      if (part === 'malam' && nightBefore && now.hour >= 19) {
        // "tadi malam" said in the evening is earlier this evening.
        nightBefore = false;
        hour = 19;
      }
    } else if (nightBefore) hour = 21;
  }

  const hoursAgo = t.includes('lalu') ? HOURS_AGO_RE.exec(t) : null;
  if (!day && hour === null) {
    if (hoursAgo) {
      const n = /^\d+$/.test(hoursAgo[1] ?? '')
        ? Number(hoursAgo[1])
        : ({ se: 1, satu: 1, dua: 2, tiga: 3 }[hoursAgo[1] ?? ''] ?? 1);
      return formatIso(receivedMs - n * 3600000, tzOffset);
    }
    if (NOW_RE.test(t)) return formatIso(receivedMs, tzOffset);
    return null;
  }

  let date = day ?? today;
  if (nightBefore && !day) date = addDays(today, -1);
  else if (nightBefore && rel && (rel[1] === 'semalam' || rel[1] === 'tadi') && now.hour < 19)
    date = addDays(today, -1);
  if (hour === null) hour = 12; // a day without a time of day: midday keeps the date in any zone
  const offset = zoneOffset ?? tzOffset;
  let ms = Date.UTC(date.year, date.month - 1, date.day, hour, minute) - offset * 60000;
  // "pukul 21.00" said at 08:00 about something that happened is last night, unless the text speaks of a plan.
  if (!dayIsFutureRelative && !day && !future && ms > receivedMs + 30 * 60000) ms -= 86400000;
  else if (dayIsPastRelative && ms > receivedMs + 30 * 60000 && rel?.[1] === 'tadi') ms -= 86400000;
  return formatIso(ms, offset);
}

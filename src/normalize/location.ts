/**
 * The incident's place from everything the message says: kelurahan (first one named, the event's rather than
 * the reporter's home), its kecamatan from the gazetteer, RT/RW, street, landmarks and WhatsApp coordinates.
 * Never invents a place: no name, no kelurahan.
 */
import type { NormalizedLocation } from '../core/normalized-message';
import { findPlaces, type Gazetteer, type PlaceMention } from './gazetteer';
import { extractRtRw } from './rt-rw';
import { findLandmarks, findStreets } from './street';

/** Where the reporter says they live, not where it happens: "sy warga Balandai", "saya tinggal di …". */
const SELF_BEFORE_RE =
  /\b(?:saya|sy|kami|aku|sya)\s+(?:warga|tinggal di|tinggal|dari|asal|asli)\s+(?:kel(?:urahan)?\.?\s*)?$/i;

/**
 * Where a letter's sign-off begins: a place named after it is the sender's office ("Hormat kami, Lurah Dangerakko",
 * "Ketua Pemuda Kel. Lagaligo"), not where it happens. An e-mail signature set off by a line of two or three dashes
 * ("--", "---") begins one too.
 */
const SIGN_OFF_RE =
  /\n[ \t]*(?:hormat (?:kami|saya)|wassalam\w*|salam,|best regards|regards|dikirim dari|sent from|-{2,3}[ \t]*\n)/i;

/** An RT or RW head signs for their own neighbourhood: there the signature does name the place. */
const NEIGHBOURHOOD_HEAD_RE = /\b(?:rt|rw)\b/i;

/** Where the part of the text that can name the event's place ends. */
function eventPartEnd(text: string): number {
  const signOff = SIGN_OFF_RE.exec(text);
  if (!signOff || NEIGHBOURHOOD_HEAD_RE.test(text.slice(signOff.index, signOff.index + 200)))
    return Number.POSITIVE_INFINITY;
  return signOff.index;
}

/** Extra location sources beside the text. */
export interface LocationExtras {
  /** A structured message's place field: read first. */
  placeField?: string | null;
  subject?: string | null;
  geo?: { latitude: number; longitude: number; address?: string | null; label?: string | null } | null;
}

function rank(m: PlaceMention, text: string, streets: { start: number; end: number }[]): number {
  // Lower is better: a plain mention, then one inside a street name ("Jl. Lagaligo"), then the reporter's home.
  if (SELF_BEFORE_RE.test(text.slice(Math.max(0, m.start - 40), m.start))) return 2;
  if (streets.some((s) => m.start >= s.start && m.start < s.end)) return 1;
  return 0;
}

/** Reads the location of a message. */
export function extractLocation(text: string, gaz: Gazetteer, extras: LocationExtras = {}): NormalizedLocation {
  const streets = findStreets(text);
  let mentions = findPlaces(text, gaz);
  const fieldMentions = extras.placeField ? findPlaces(`kel ${extras.placeField}`, gaz) : [];
  if (mentions.length === 0 && fieldMentions.length === 0 && extras.subject) mentions = findPlaces(extras.subject, gaz);
  const ranked = mentions.map((m, i) => ({ m, r: rank(m, text, streets), i })).sort((a, b) => a.r - b.r || a.i - b.i);
  const ordered = [...fieldMentions, ...ranked.map((x) => x.m)];
  const signOff = eventPartEnd(text);
  const eventPlaces = ordered.filter((m) => fieldMentions.includes(m) || m.start < signOff);
  const kel = eventPlaces.find((m) => m.level === 'kelurahan');
  const kec = kel ? kel.kecamatan : (eventPlaces.find((m) => m.level === 'kecamatan')?.area ?? null);

  let { rt, rw } = extractRtRw(text);
  if (rt === null && rw === null && extras.subject) ({ rt, rw } = extractRtRw(extras.subject));

  const notes: string[] = [...findLandmarks(text)];
  const seen = new Set<string>([kel?.area.code ?? '', kec?.code ?? '']);
  for (const m of ordered) {
    if (seen.has(m.area.code)) continue;
    seen.add(m.area.code);
    notes.push(m.level === 'kecamatan' ? `Kec. ${m.area.name}` : m.area.name);
  }
  const geo = extras.geo;
  if (geo?.label?.trim()) notes.push(geo.label.trim());
  if (geo?.address?.trim()) notes.push(geo.address.trim());
  const location: NormalizedLocation = {
    kecamatan: kec?.name ?? null,
    kecamatanCode: kec?.code ?? null,
    kelurahan: kel?.area.name ?? null,
    kelurahanCode: kel?.area.code ?? null,
    rt,
    rw,
    street: streets[0]?.street ?? null,
    text: notes.length > 0 ? [...new Set(notes)].join('; ') : null,
  };
  if (geo && Number.isFinite(geo.latitude) && Number.isFinite(geo.longitude)) {
    location.latitude = geo.latitude;
    location.longitude = geo.longitude;
  }
  return location;
}

/**
 * Titles for the incident list: what happened, then where ("Tawuran di Ponjalae, Wara Timur"), at most 80
 * characters. Non-reports get a title that says what they are.
 */
import { CATEGORY_LABELS, type Category, type MessageKind, type NormalizedLocation } from '../core/normalized-message';
import { truncateWords } from './text-cleanup';

/** How a keyword reads as the head of a title ("miras" → "Miras", "balap liar" → "Balap liar"). */
const EVENT_NAMES: Record<string, string> = {
  tawur: 'Tawuran',
  tauran: 'Tawuran',
  curi: 'Pencurian',
  pencuri: 'Pencurian',
  keroyok: 'Pengeroyokan',
  aniaya: 'Penganiayaan',
  bacok: 'Pembacokan',
  tikam: 'Penikaman',
  rampok: 'Perampokan',
  culik: 'Penculikan',
  bunuh: 'Pembunuhan',
  judi: 'Perjudian',
  hoax: 'Hoaks',
  hoaxs: 'Hoaks',
  demo: 'Demo',
  kafir: 'Pengkafiran',
  sengketa: 'Sengketa lahan',
  wna: 'WNA',
  tka: 'TKA',
  asn: 'ASN',
  tps: 'TPS',
  kpu: 'KPU',
  sara: 'Isu SARA',
  lsm: 'LSM',
  skt: 'SKT ormas',
  psk: 'PSK',
  kdrt: 'KDRT',
  isis: 'ISIS',
  hti: 'HTI',
  bom: 'Bom',
  serang: 'Penyerangan',
  blokade: 'Blokade jalan',
  ormas: 'Kegiatan ormas',
  deklarasi: 'Deklarasi ormas',
};

function eventName(category: Category, keywords: string[]): string {
  const k = keywords[0];
  if (!k) return CATEGORY_LABELS[category];
  const named = EVENT_NAMES[k];
  if (named) return named;
  return k[0]!.toUpperCase() + k.slice(1);
}

/** "di Ponjalae, Wara Timur", "di Kec. Bara", "di Jl. Andi Djemma", or "" when no place is known. */
function placePart(loc: NormalizedLocation): string {
  if (loc.kelurahan) return ` di ${loc.kelurahan}${loc.kecamatan ? `, ${loc.kecamatan}` : ''}`;
  if (loc.kecamatan) return ` di Kec. ${loc.kecamatan}`;
  if (loc.street) return ` di ${loc.street}`;
  return '';
}

/** The title of a message. */
export function makeTitle(args: {
  kind: MessageKind;
  category: Category | null;
  keywords: string[];
  location: NormalizedLocation;
  referenceCodes: string[];
  subject?: string | null;
  summary: string;
}): string {
  let title: string;
  if (args.kind === 'status_query') title = `Pertanyaan status ${args.referenceCodes.join(', ')}`.trim();
  else if (args.kind === 'auto_reply') title = `Balasan otomatis${args.subject ? `: ${args.subject}` : ''}`;
  else if (args.kind === 'question') title = `Pertanyaan: ${args.summary || '(kosong)'}`;
  else if (args.kind === 'noise') title = `Pesan non-laporan: ${args.summary || '(kosong)'}`;
  else if (args.category === 'lainnya' && args.keywords.length === 0)
    title = `${args.subject?.trim() || truncateWords(args.summary, 50) || 'Laporan'}${placePart(args.location)}`;
  else title = `${eventName(args.category ?? 'lainnya', args.keywords)}${placePart(args.location)}`;
  return truncateWords(title.replace(/\s+/g, ' ').trim(), 80);
}

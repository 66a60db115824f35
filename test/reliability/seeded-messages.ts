/**
 * Realistic, varied Indonesian messages from distinct senders for the fault tests: reports of every kind of
 * threat in the region's own kelurahan (from the gazetteer, not a list kept here), status questions and noise,
 * in SMS shorthand and in full sentences. Deterministic for a seed, so a failing run can be repeated.
 *
 * What each message should become is what the pure normalizer says of it (`expectedKind`): these tests prove that
 * the pipeline stores every message exactly once, not how well the normalizer reads.
 */
import type { MessageKind } from '../../src/core/normalized-message';
import type { RawMessage } from '../../src/core/raw-message';
import { normalize } from '../../src/normalize';
import type { Gazetteer } from '../../src/normalize/gazetteer';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { seededRandom } from '../helpers/seeded-random';

export interface SeededMessage {
  raw: RawMessage;
  /** E.164 of the sender, as the contact and the acknowledgement carry it. */
  phone: string;
  expectedKind: MessageKind;
}

const OPENERS = [
  '',
  'Lapor pak, ',
  'Assalamualaikum pak, mau lapor ',
  'Tolong pak ',
  'Selamat malam, ',
  'Info min, ',
  'Pak, ',
];
const EVENTS = [
  'ada tawuran antar pemuda di {place}, sdh ada yg luka kena busur',
  'perang batu antar kelompok remaja di {place} skrg masih berlangsung',
  'rumah warga terbakar di {place}, api makin besar',
  'banjir setinggi lutut di {place}, warga mulai mengungsi ke masjid',
  'tanah longsor menutup jalan di {place}',
  'ada pesta miras di pos ronda {place}, anak muda mabuk dan ribut',
  'penjualan ballo di warung dekat sekolah {place}, anak sekolah ikut minum',
  'pencurian motor di depan rumah warga {place} tadi subuh',
  'ada yg sebar berita hoaks di grup WA soal penculikan anak di {place}',
  'sengketa lahan antara warga dan pengembang di {place}, warga pasang portal',
  'rencana demo mahasiswa di kantor DPRD besok, massa kumpul di {place}',
  'ada orang asing menginap di rumah kos {place} tanpa lapor RT',
  'keributan antar warga soal batas tanah di {place}',
  'ada ceramah yg menghasut kebencian antar agama di {place}',
  'peredaran sabu di lorong {place}, sering ada transaksi malam hari',
  'politik uang jelang pilkada, ada bagi2 amplop di {place}',
  'ormas bikin keributan dan palang jalan di {place}',
  'pohon tumbang menimpa rumah warga di {place}',
];
const PLACE_FORMS = [
  'Kel. {kel}',
  'Kelurahan {kel}',
  'kel {kel}',
  'RT 02 RW 03 Kel. {kel}',
  'Jl. Andi Djemma dkt {kel}',
];
const TIMES = ['', ' tadi malam', ' sekitar jam 9 pagi', ' skrg', ' kemarin sore', ' dari jam 10 malam'];
const CLOSERS = ['', ' Mohon segera ditindaklanjuti.', ' trims', ' Mohon bantuan aparat.', ' tolong dicek pak'];
const NOISE = [
  'tes',
  'halo',
  'Terima kasih pak',
  'ok',
  'p',
  'Selamat pagi min',
  'Sisa pulsa anda Rp 1.250. Isi ulang sekarang',
];
const STATUS = ['STATUS HK-{code}', 'status laporan HK-{code} bagaimana pak?', 'cek status HK-{code}'];
const CODE_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let gazetteer: Gazetteer | null = null;
function region(): Gazetteer {
  gazetteer ??= loadGazetteer('73.73');
  return gazetteer;
}

/** What the worker is expected to make of a message: the pure normalizer's verdict. */
export function expectedKindOf(raw: RawMessage): MessageKind {
  return normalize(
    {
      channel: raw.channel,
      from: raw.from,
      subject: raw.subject ?? null,
      text: raw.text ?? '',
      receivedAt: raw.receivedAt,
    },
    { gazetteer: region(), timezone: 'Asia/Makassar' },
  ).kind;
}

/**
 * `count` messages, each from its own phone number (so the three-answers-an-hour guard never applies), about one
 * in ten noise and one in twenty a status question. `label` keeps external ids apart between tests.
 */
export function seededMessages(count: number, options: { seed?: number; label?: string } = {}): SeededMessage[] {
  const next = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const kelurahan = region().kelurahan.map((k) => k.name);
  const receivedAt = new Date().toISOString();
  const out: SeededMessage[] = [];
  for (let i = 0; i < count; i++) {
    const subscriber = String(10000000 + i).padStart(8, '0');
    const phone = `+62812${subscriber}`;
    const roll = next();
    let text: string;
    if (roll < 0.1) text = pick(NOISE);
    else if (roll < 0.15)
      text = pick(STATUS).replace('{code}', Array.from({ length: 6 }, () => pick([...CODE_CHARS])).join(''));
    else {
      const place = pick(PLACE_FORMS).replace('{kel}', pick(kelurahan));
      text = `${pick(OPENERS)}${pick(EVENTS).replace('{place}', place)}${pick(TIMES)}.${pick(CLOSERS)}`;
    }
    const whatsapp = next() < 0.3;
    const raw: RawMessage = {
      channel: whatsapp ? 'whatsapp' : 'sms',
      provider: whatsapp ? 'twilio' : 'smssync',
      externalId: `${options.label ?? 'seed'}-${i}`,
      receivedAt,
      // SMS gateways give the local form, Twilio the whatsapp: prefix (both normalize to the same E.164).
      from: whatsapp ? `whatsapp:${phone}` : `0812${subscriber}`,
      to: '+6281100001111',
      text,
    };
    out.push({ raw, phone, expectedKind: expectedKindOf(raw) });
  }
  return out;
}

/** How many of each kind a list of seeded messages should give. */
export function expectedKinds(messages: SeededMessage[]): Record<MessageKind, number> {
  const counts: Record<MessageKind, number> = { report: 0, status_query: 0, question: 0, noise: 0, auto_reply: 0 };
  for (const m of messages) counts[m.expectedKind]++;
  return counts;
}

/**
 * Streets ("Jl.", "Jln.", "Jalan", "Lorong", "Gg.") and landmarks ("dkt lapangan", "depan masjid") for the
 * location. Streets come out with a tidy prefix ("Jl. Andi Djemma"); landmarks as written, for location.text.
 */

/** A street found in text, with where it sits (so place names inside it rank below ones outside). */
export interface StreetMention {
  street: string;
  start: number;
  end: number;
}

const STREET_START_RE = /(?<![\p{L}\p{N}])(jalan|jln|jl|lorong|lrg|lr|gang|gg)(?![\p{L}\p{N}])\.?\s*/giu;
const WORD_RE = /^[\p{L}\p{N}][\p{L}\p{N}'.-]*/u;

/** Words that end a street name: the next part of the sentence starts there. */
const STOP = new Set(
  (
    'dkt dekat depan dpn belakang blkg samping smpg sebelah seberang sekitar di ke dan yg yang kel kelurahan kec ' +
    'kecamatan rt rw arah tepatnya ada tadi td skrg sekarang pada pd saat sedang sdg telah sudah sdh masih msh ' +
    'tidak tdk ini itu tsb menuju mau akan pukul jam pkl kemarin kmrn besok sore malam pagi siang subuh hari ' +
    'lokasi kota tiap setiap banyak byk sering warga dgn dengan oleh untuk utk krn karena soal terjadi sampai'
  ).split(' '),
);
/** Lowercase words that may still be part of a street name ("jalan poros", "km 5", "no. 12"). */
const NAME_WORDS = new Set([
  'poros',
  'raya',
  'trans',
  'km',
  'no',
  'nomor',
  'lama',
  'baru',
  'lingkar',
  'dr',
  'ir',
  'h',
  'andi',
]);
/** Prefix spellings → the form we output. */
const PREFIX: Record<string, string> = {
  jalan: 'Jl.',
  jln: 'Jl.',
  jl: 'Jl.',
  lorong: 'Lorong',
  lrg: 'Lorong',
  lr: 'Lorong',
  gang: 'Gg.',
  gg: 'Gg.',
};

function capitalise(w: string): string {
  return /^[a-z]/.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w;
}

/** Every street named in the text, in order. */
export function findStreets(text: string): StreetMention[] {
  const out: StreetMention[] = [];
  STREET_START_RE.lastIndex = 0;
  for (let m = STREET_START_RE.exec(text); m; m = STREET_START_RE.exec(text)) {
    const prefixWord = (m[1] ?? '').toLowerCase();
    const written = m[1] ?? '';
    const fullWord = prefixWord === 'jalan' || prefixWord === 'lorong' || prefixWord === 'gang';
    let pos = m.index + m[0].length;
    const words: string[] = [];
    let end = pos;
    while (words.length < 6) {
      const wm = WORD_RE.exec(text.slice(pos, pos + 60));
      if (!wm) break;
      let w = wm[0];
      const lower = w.toLowerCase().replace(/\.$/, '');
      if (STOP.has(lower)) break;
      // "Dr." and "No." keep their dot; a dot after a longer word ends the sentence.
      if (w.endsWith('.') && lower.length > 3 && !NAME_WORDS.has(lower)) w = w.slice(0, -1);
      // A common noun ("menutup jalan ke…", "jalan rusak") is not a street: full words need a name after them.
      if (words.length === 0 && fullWord && /^[a-z]/.test(w) && !NAME_WORDS.has(lower) && written === prefixWord) break;
      words.push(w);
      end = pos + w.length;
      pos = end;
      const gap = /^[^\S\n]+/.exec(text.slice(pos, pos + 5));
      if (!gap) break;
      pos += gap[0].length;
    }
    if (words.length === 0) continue;
    const name = words.map(capitalise).join(' ');
    out.push({ street: `${PREFIX[prefixWord] ?? 'Jl.'} ${name}`, start: m.index, end });
    STREET_START_RE.lastIndex = Math.max(STREET_START_RE.lastIndex, end);
  }
  return out;
}

const LANDMARK_NOUNS =
  'lapangan|lap|masjid|mesjid|msjd|musholla|mushola|musala|langgar|gereja|pura|vihara|klenteng|pasar|sekolah|sd|smp|sma|smk|' +
  'mts|madrasah|pesantren|ponpes|kampus|universitas|kantor|pos ronda|pos kamling|pos|terminal|pelabuhan|dermaga|' +
  'rumah sakit|rsud|rs|puskesmas|pustu|jembatan|gedung|balai|aula|warung|toko|kios|alun-alun|pantai|sungai|kebun|' +
  'stadion|hotel|wisma|mall|mal|taman|bundaran|lampu merah|perempatan|pertigaan|simpang|spbu|pom bensin|bank|atm|' +
  'kuburan|makam|pemakaman|kafe|cafe|kos|kost|asrama|perumahan|btn|kompleks|komplek|tugu|monumen|gudang|pabrik|' +
  'hutan|gunung|bukit|bandara|stasiun|polsek|polres|koramil|kodim|rumah kosong|rumah makan|lorong|pemandian|' +
  'tambang|empang|tambak|sawah|lahan|tanah lapang|gor|tpa|tps|kantor lurah|kantor camat|kantor walikota|dprd';
const LANDMARK_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:dkt|dekat|depan|dpn|belakang|blkg|samping|sebelah|seberang|sekitar|sktr|di|area|halaman|` +
    `dalam|ujung|pinggir|tepi)\\s+(?:${LANDMARK_NOUNS})(?![\\p{L}\\p{N}])`,
  'giu',
);
/** Lowercase words that may follow a landmark noun as part of its name ("pasar sentral", "masjid raya"). */
const LANDMARK_QUALIFIERS = new Set(
  'sentral|raya|besar|agung|umum|lama|baru|negeri|kota|induk|utama|kecamatan|kelurahan|ronda|kamling|kosong|tua'.split(
    '|',
  ),
);
const LANDMARK_STOP = new Set([...STOP].filter((w) => w !== 'kota'));

/** Landmarks as written ("dkt lapangan", "depan masjid Al-Ikhlas"), for location.text. */
export function findLandmarks(text: string): string[] {
  const out: string[] = [];
  LANDMARK_RE.lastIndex = 0;
  for (let m = LANDMARK_RE.exec(text); m; m = LANDMARK_RE.exec(text)) {
    let phrase = m[0];
    let pos = m.index + m[0].length;
    // Proper names after the noun ("SD Songka", "masjid Nurul Huda", "kantor DPRD Palopo"), up to three words.
    for (let k = 0; k < 3; k++) {
      const wm = /^[^\S\n]+([\p{L}\p{N}][\p{L}\p{N}'-]*)/u.exec(text.slice(pos, pos + 40));
      if (!wm) break;
      const w = wm[1] ?? '';
      const lower = w.toLowerCase();
      if (LANDMARK_STOP.has(lower)) break;
      if (!/^[\p{Lu}\p{N}]/u.test(w) && !LANDMARK_QUALIFIERS.has(lower)) break;
      phrase += wm[0];
      pos += wm[0].length;
    }
    out.push(phrase.replace(/\s+/g, ' ').trim());
  }
  return out;
}

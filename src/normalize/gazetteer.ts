/**
 * The gazetteer of one kota/kabupaten (kecamatan and kelurahan with their Kemendagri codes) and a tolerant matcher
 * that finds their names in free text. Pure: the rows come from `gazetteer-loader.ts` (or a test).
 */

/** One administrative area as the gazetteer spells it. */
export interface GazetteerArea {
  /** Kemendagri dotted code: "73.73.05" (kecamatan) or "73.73.05.1007" (kelurahan/desa). */
  code: string;
  /** The gazetteer's own spelling, which is what the normalizer outputs. */
  name: string;
}

/** A kelurahan/desa and the kecamatan it belongs to. */
export interface GazetteerVillage extends GazetteerArea {
  kecamatanCode: string;
}

/** Raw rows, before indexing. */
export interface GazetteerRows {
  regionCode: string;
  regionName?: string | null;
  kecamatan: GazetteerArea[];
  kelurahan: GazetteerVillage[];
}

/** A built gazetteer: the rows plus the lookup tables the matcher needs (built once, reused for every message). */
export interface Gazetteer extends GazetteerRows {
  readonly kecamatanByCode: ReadonlyMap<string, GazetteerArea>;
  /** @internal folded spelling → entries that spell so (a name can be both kecamatan and kelurahan). */
  readonly index: ReadonlyMap<string, IndexEntry[]>;
  /** @internal keys long enough for typo-tolerant matching, grouped by first letter. */
  readonly fuzzyKeys: ReadonlyMap<string, FuzzyKey[]>;
  /** @internal every beginning of an index key: a word that begins none cannot start an exact match. */
  readonly keyPrefixes: ReadonlySet<string>;
  /** @internal the longest name in tokens, so the matcher knows how many words to join. */
  readonly maxTokens: number;
  /** @internal the most words in a name that typo matching is tried on. */
  readonly maxFuzzyWords: number;
  /** @internal memo of typo lookups: message vocabularies repeat, the edit distance need not. */
  readonly fuzzyMemo: Map<string, IndexEntry[] | null>;
}

interface FuzzyKey {
  key: string;
  /** Words in the official spelling: a typo is matched against a name of as many words. */
  words: number;
}

interface IndexEntry {
  level: 'kecamatan' | 'kelurahan';
  area: GazetteerArea;
  /** The name is also an ordinary word ("jaya", "peta", "bara"): only accept it after "kel."/"di"/… */
  needsCue: boolean;
}

/** A place name found in text. */
export interface PlaceMention {
  level: 'kecamatan' | 'kelurahan';
  area: GazetteerArea;
  /** For a kelurahan, its kecamatan. */
  kecamatan: GazetteerArea | null;
  start: number;
  end: number;
  /** What the text said there. */
  surface: string;
  /** "kel"/"kelurahan"/"lurah"/"desa" or "kec"/"kecamatan"/"camat" written right before it. */
  cue: 'kelurahan' | 'kecamatan' | 'place' | null;
  /** Matched only through a typo allowance. */
  fuzzy: boolean;
}

/**
 * Spellings that name the same place. Kemendagri renamed six Palopo kelurahan in 2025 and people use both forms
 * (and more); whichever spelling the installed gazetteer carries, every spelling of its group finds it.
 */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['ammasangan', 'amasangan', 'amassangan', 'amasanggan'],
  ['sabbamparu', 'sabbangparu', 'sabangparu', 'sabamparu'],
  ['tobulung', 'tobbulung'],
  ['pentojangan', 'petonjangan', 'pentonjangan', 'petojangan'],
  ['salutellue', 'salotellue', 'salutelue', 'salotelue'],
  ['tamarundung', 'tomarundung'],
];

/**
 * Names that are also ordinary Indonesian words. Seen bare and lowercase they are the word ("bara api",
 * "peta lokasi", "jaya"), so they count as places only after a cue ("kel.", "di", "dekat"…) or, for kecamatan
 * names, when capitalised.
 */
const COMMON_WORD_NAMES = new Set(['jaya', 'peta', 'benteng', 'bara', 'wara', 'lebang']);
/**
 * Of those, the kelurahan names that after a place word are the place, capitalised or not: writers who never
 * capitalise say "kios sy di lebang", "warga jaya dan warga mancani ribut". ("di peta" stays a map.)
 */
const NAME_AFTER_CUE = new Set(['jaya', 'benteng', 'lebang']);

/**
 * Ordinary words one typo away from a place name: never read as that place ("batang pohon" is not Battang).
 */
const NEVER_FUZZY = new Set([
  'batang',
  'bentang',
  'benting',
  'lembang',
  'sendang',
  'songko',
  'tompo',
  'bantang',
  'pattern',
  'pantene',
  'murni',
  'murah',
  'lagi',
  'malam',
  'mancing',
  'penggal',
  'sumatra',
  'kampo',
  'mawar',
  'peran',
  'petang',
  'binturong',
  'jalan',
  'kelurahan',
  'kecamatan',
  'selatan',
  'utara',
  'timur',
  'barat',
  'sekarang',
  'sebelah',
  'lapangan',
  'belakang',
  'tetangga',
  'pertandingan',
  'rampokan',
  'perampok',
  'salah',
]);

const KEL_CUES = new Set(['kel', 'kelurahan', 'lurah', 'desa', 'ds', 'kelurhan', 'kelurahn', 'klurahan', 'kelrahan']);
const KEC_CUES = new Set(['kec', 'kecamatan', 'camat', 'kecamatn', 'kcmtn', 'kecmatan']);
/** Words after which a bare name is a place: "di Sendana", "dkt Rampoang". */
const PLACE_CUES = new Set([
  'di',
  'dkt',
  'dekat',
  'sekitar',
  'skt',
  'daerah',
  'wilayah',
  'wil',
  'area',
  'kawasan',
  'ke',
  'dari',
  'dr',
  'arah',
  'perbatasan',
  'lingkungan',
  'warga',
  'antara',
]);
/**
 * The youths of a place, as clashes are told in Palopo ("anak2 Benteng sama anak2 Pontap"): a cue for a name that
 * is also a common word, but not a reason to look for typos in the next word ("anak sekolah" names no place).
 */
const PEOPLE_CUES = new Set(['anak', 'anak2', 'pemuda', 'kampung']);

/** Folds a spelling to its lookup key: lowercase letters and digits only ("To'Bulung" → "tobulung"). */
export function foldName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/** "ammasangan" → "amasangan": people double and undouble consonants freely. */
function undouble(key: string): string {
  return key.replace(/([b-df-hj-np-tv-z])\1+/g, '$1');
}

/** Builds the lookup tables. Call once per region (the loader caches it); matching then allocates little. */
export function buildGazetteer(rows: GazetteerRows): Gazetteer {
  const index = new Map<string, IndexEntry[]>();
  let maxTokens = 1;
  const add = (key: string, entry: IndexEntry) => {
    if (key.length < 3) return;
    const list = index.get(key);
    if (!list) index.set(key, [entry]);
    else if (!list.some((e) => e.level === entry.level && e.area.code === entry.area.code)) list.push(entry);
  };
  const addArea = (level: IndexEntry['level'], area: GazetteerArea) => {
    const key = foldName(area.name);
    maxTokens = Math.max(maxTokens, area.name.split(/[\s'’`-]+/).length + 1);
    const needsCue = COMMON_WORD_NAMES.has(key);
    const keys = new Set([key]);
    for (const group of ALIAS_GROUPS) if (group.includes(key)) for (const k of group) keys.add(k);
    for (const k of [...keys]) {
      const u = undouble(k);
      if (!NEVER_FUZZY.has(u)) keys.add(u);
    }
    for (const k of keys) add(k, { level, area, needsCue });
  };
  for (const k of rows.kecamatan) addArea('kecamatan', k);
  for (const v of rows.kelurahan) addArea('kelurahan', v);
  const fuzzyKeys = new Map<string, FuzzyKey[]>();
  for (const [key, entries] of index) {
    if (key.length < 6) continue;
    const words = Math.min(...entries.map((e) => e.area.name.split(/[\s'’`-]+/).length));
    const first = key[0] ?? '';
    const list = fuzzyKeys.get(first);
    if (list) list.push({ key, words });
    else fuzzyKeys.set(first, [{ key, words }]);
  }
  const keyPrefixes = new Set<string>();
  for (const key of index.keys()) for (let n = 1; n <= key.length; n++) keyPrefixes.add(key.slice(0, n));
  return {
    ...rows,
    kecamatanByCode: new Map(rows.kecamatan.map((k) => [k.code, k])),
    index,
    keyPrefixes,
    fuzzyKeys,
    maxTokens: Math.min(maxTokens, 4),
    maxFuzzyWords: Math.max(1, ...[...fuzzyKeys.values()].flat().map((k) => k.words)),
    fuzzyMemo: new Map(),
  };
}

// Rows reused across calls (names are short): no allocation per comparison.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Bounded Damerau-Levenshtein distance: returns max+1 as soon as the distance must exceed `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb + 1);
    rowB = new Int32Array(lb + 1);
    rowC = new Int32Array(lb + 1);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

/** How many typos a folded spelling of this length may carry. Short names must be exact. */
function typoAllowance(len: number): number {
  if (len >= 11) return 2;
  if (len >= 6) return 1;
  return 0;
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
/** Separators that may sit inside one place name: space, apostrophe, hyphen ("To'Bulung", "To Bulung"). */
const JOINABLE_GAP_RE = /^[\s'’`-]{0,3}$/;

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // One lowercase copy of the whole text serves every token, unless lowercasing changed a length somewhere.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const end = m.index + m[0].length;
    out.push({
      text: m[0],
      lower: sameLength ? lowerText.slice(m.index, end) : m[0].toLowerCase(),
      start: m.index,
      end,
    });
  }
  return out;
}

const FUZZY_MEMO_MAX = 100_000;

function lookupFuzzy(gaz: Gazetteer, key: string, words: number): IndexEntry[] | undefined {
  if (key.length < 6 || !gaz.fuzzyKeys.has(key[0] ?? '')) return undefined;
  const memoKey = `${words}|${key}`;
  const memo = gaz.fuzzyMemo.get(memoKey);
  if (memo !== undefined) return memo ?? undefined;
  const found = lookupFuzzyUncached(gaz, key, words);
  if (gaz.fuzzyMemo.size >= FUZZY_MEMO_MAX) gaz.fuzzyMemo.clear();
  gaz.fuzzyMemo.set(memoKey, found ?? null);
  return found;
}

function lookupFuzzyUncached(gaz: Gazetteer, key: string, words: number): IndexEntry[] | undefined {
  const allowance = typoAllowance(key.length);
  if (allowance === 0 || NEVER_FUZZY.has(key) || /\d/.test(key)) return undefined;
  const candidates = gaz.fuzzyKeys.get(key[0] ?? '');
  if (!candidates) return undefined;
  let best: FuzzyKey | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const cand of candidates) {
    // Typos are tolerated within one name, never by gluing extra words onto it.
    if (cand.words !== words || Math.abs(cand.key.length - key.length) > allowance) continue;
    const max = Math.min(allowance, typoAllowance(cand.key.length));
    const d = boundedEditDistance(key, cand.key, max);
    if (d <= max && d < bestDist) {
      bestDist = d;
      best = cand;
    }
  }
  return best === undefined ? undefined : gaz.index.get(best.key);
}

function cueBefore(tokens: Token[], i: number, forTypos = false): PlaceMention['cue'] {
  const prev = tokens[i - 1];
  if (!prev) return null;
  if (KEL_CUES.has(prev.lower)) return 'kelurahan';
  if (KEC_CUES.has(prev.lower)) return 'kecamatan';
  if (PLACE_CUES.has(prev.lower)) return 'place';
  if (PEOPLE_CUES.has(prev.lower) && !forTypos) return 'place';
  return null;
}

/**
 * Every kecamatan/kelurahan name in the text, in order of appearance, longest spelling first at each position
 * ("Battang Barat" before "Battang"). Tolerates any case, missing spaces ("Kel.Ponjalae"), split names
 * ("To Bulung"), the alias spellings and small typos on long names.
 */
export function findPlaces(text: string, gaz: Gazetteer): PlaceMention[] {
  const tokens = tokenize(text);
  // Tokens k and k+1 may belong to one name (only spaces, an apostrophe or a hyphen between them).
  const joinable = (k: number) =>
    k + 1 < tokens.length && JOINABLE_GAP_RE.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start));
  const maxWords = Math.max(gaz.maxTokens, gaz.maxFuzzyWords);
  const out: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    // Most words ("ada", "warga") begin no name: the exact pass has nothing to look up there. Typos are looked for
    // only where a name is expected: a capital letter or a cue word before it. Neither: next word, no keys built.
    const exact = gaz.keyPrefixes.has(token.lower);
    const typoTolerant = token.text[0] !== token.lower[0] || cueBefore(tokens, i, true) !== null;
    if (!exact && !typoTolerant) {
      i++;
      continue;
    }
    // keys[n - 1]: the folded key of tokens i..i+n-1, built once for both passes, up to the first punctuation.
    const keys: string[] = [];
    let key = '';
    for (let n = 1; n <= Math.min(maxWords, tokens.length - i); n++) {
      if (n > 1 && !joinable(i + n - 2)) break;
      key += tokens[i + n - 1]!.lower;
      keys.push(key);
    }
    let matched = false;
    // Longest exact spelling first, then the typo-tolerant pass, again longest first.
    for (let pass = 0; pass < 2 && !matched; pass++) {
      if (pass === 0 ? !exact : !typoTolerant) continue;
      const longest = Math.min(pass === 0 ? gaz.maxTokens : gaz.maxFuzzyWords, keys.length);
      for (let n = longest; n >= 1 && !matched; n--) {
        const key = keys[n - 1]!;
        if (key.length < 3) continue;
        const entries = pass === 0 ? gaz.index.get(key) : lookupFuzzy(gaz, key, n);
        if (!entries) continue;
        const mention = accept(text, tokens, i, n, entries, pass === 1, gaz);
        if (!mention) continue;
        out.push(mention);
        i += n;
        matched = true;
      }
    }
    if (!matched) i++;
  }
  return out;
}

/** Applies the cue rules to the entries found for tokens i..i+n-1 and builds the mention, or null. */
function accept(
  text: string,
  tokens: Token[],
  i: number,
  n: number,
  entries: IndexEntry[],
  fuzzy: boolean,
  gaz: Gazetteer,
): PlaceMention | null {
  const first = tokens[i]!;
  const last = tokens[i + n - 1]!;
  const cue = cueBefore(tokens, i);
  const capitalised = first.text[0] !== first.lower[0];
  const accepted = entries.filter((e) => {
    if (!e.needsCue) return true;
    if (cue === 'kelurahan' || cue === 'kecamatan') return true;
    // A capitalised kecamatan name ("Bara", "Wara") is the place; a kelurahan that is a common word needs a cue.
    if (e.level === 'kecamatan') return capitalised || cue === 'place';
    return cue === 'place' && (capitalised || NAME_AFTER_CUE.has(foldName(e.area.name)));
  });
  // Which reading: a cue decides; otherwise a name that is both ("di Sendana") is the kelurahan.
  const kel = accepted.find((e) => e.level === 'kelurahan');
  const kec = accepted.find((e) => e.level === 'kecamatan');
  const pick = cue === 'kecamatan' ? (kec ?? kel) : (kel ?? kec);
  if (!pick) return null;
  const kecArea =
    pick.level === 'kelurahan'
      ? (gaz.kecamatanByCode.get((pick.area as GazetteerVillage).kecamatanCode) ?? null)
      : null;
  return {
    level: pick.level,
    area: pick.area,
    kecamatan: kecArea,
    start: first.start,
    end: last.end,
    surface: text.slice(first.start, last.end),
    cue,
    fuzzy,
  };
}

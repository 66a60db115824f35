/**
 * SMS slang expansion, used only for reading (never for output, and never before places have been read: "kel"
 * must stay "kel" for the gazetteer's cue, and a slang map must never rewrite a place name). The keyword matcher
 * expands every word of the table; the time reader (`time.ts`) the ones whose standard word names a time.
 */

/**
 * Slang/abbreviation → standard word(s), lowercase: the one table of the normalizer, so that a spelling learnt for
 * the keywords is known to the time reader too.
 */
export const SLANG: ReadonlyMap<string, string> = new Map([
  ['yg', 'yang'],
  ['yng', 'yang'],
  ['dgn', 'dengan'],
  ['dg', 'dengan'],
  ['dngn', 'dengan'],
  ['tdk', 'tidak'],
  ['tak', 'tidak'],
  ['gk', 'tidak'],
  ['gak', 'tidak'],
  ['ga', 'tidak'],
  ['nggak', 'tidak'],
  ['ngga', 'tidak'],
  ['enggak', 'tidak'],
  ['tdak', 'tidak'],
  ['sdh', 'sudah'],
  ['udh', 'sudah'],
  ['udah', 'sudah'],
  ['sudh', 'sudah'],
  ['dah', 'sudah'],
  ['skrg', 'sekarang'],
  ['skrang', 'sekarang'],
  ['skr', 'sekarang'],
  ['skarang', 'sekarang'],
  ['td', 'tadi'],
  ['tdi', 'tadi'],
  ['mlm', 'malam'],
  ['mlam', 'malam'],
  ['kmrn', 'kemarin'],
  ['kmarin', 'kemarin'],
  ['kemaren', 'kemarin'],
  ['kmren', 'kemarin'],
  ['kmrin', 'kemarin'],
  ['dkt', 'dekat'],
  ['dkat', 'dekat'],
  ['blkg', 'belakang'],
  ['blakang', 'belakang'],
  ['blk', 'belakang'],
  ['dpn', 'depan'],
  ['dpan', 'depan'],
  ['smpg', 'samping'],
  ['jln', 'jalan'],
  ['jl', 'jalan'],
  ['kel', 'kelurahan'],
  ['kec', 'kecamatan'],
  ['bln', 'bulan'],
  ['msh', 'masih'],
  ['masi', 'masih'],
  ['blm', 'belum'],
  ['blum', 'belum'],
  ['dtg', 'datang'],
  ['dtng', 'datang'],
  ['byk', 'banyak'],
  ['bnyk', 'banyak'],
  ['bnyak', 'banyak'],
  ['krn', 'karena'],
  ['krna', 'karena'],
  ['sy', 'saya'],
  ['sya', 'saya'],
  ['aq', 'aku'],
  ['sj', 'saja'],
  ['aja', 'saja'],
  ['bs', 'bisa'],
  ['lg', 'lagi'],
  ['trs', 'terus'],
  ['tp', 'tapi'],
  ['utk', 'untuk'],
  ['untk', 'untuk'],
  ['pd', 'pada'],
  ['dr', 'dari'],
  ['dri', 'dari'],
  ['jg', 'juga'],
  ['bbrp', 'beberapa'],
  ['sbg', 'sebagai'],
  ['spt', 'seperti'],
  ['kpd', 'kepada'],
  ['mhn', 'mohon'],
  ['tlg', 'tolong'],
  ['tlong', 'tolong'],
  ['hr', 'hari'],
  ['mgg', 'minggu'],
  ['bsk', 'besok'],
  ['besuk', 'besok'],
  // "pkl 10" is a time, and "PKL" a street vendor: neither is "pukul" (to hit) for the keyword lists.
  ['pkl', 'jam'],
  ['jm', 'jam'],
  ['org', 'orang'],
  ['orng', 'orang'],
  ['bgt', 'banget'],
  ['sgt', 'sangat'],
  ['sngt', 'sangat'],
  ['knp', 'kenapa'],
  ['gmn', 'bagaimana'],
  ['gimana', 'bagaimana'],
  ['bgmn', 'bagaimana'],
  ['brp', 'berapa'],
  ['mau', 'mau'],
  ['mo', 'mau'],
  ['sbntr', 'sebentar'],
  ['bntr', 'sebentar'],
  ['skitar', 'sekitar'],
  ['sktr', 'sekitar'],
  ['plsi', 'polisi'],
  ['pol', 'polisi'],
  ['dlm', 'dalam'],
  ['dl', 'dulu'],
  ['ttg', 'tentang'],
  ['sblm', 'sebelum'],
  ['stlh', 'setelah'],
  ['lwt', 'lewat'],
  ['tmn', 'teman'],
  ['tmn2', 'teman'],
  ['msjd', 'masjid'],
  ['mesjid', 'masjid'],
  ['lap', 'lapangan'],
  ['lpngn', 'lapangan'],
  ['rmh', 'rumah'],
  ['rmah', 'rumah'],
  ['kntr', 'kantor'],
  ['sklh', 'sekolah'],
  ['ank', 'anak'],
  ['pmd', 'pemuda'],
  ['pemda', 'pemda'],
  ['wrg', 'warga'],
  ['msyrkt', 'masyarakat'],
  ['mlmini', 'malam'],
  ['brsan', 'barusan'],
  ['brusan', 'barusan'],
  ['brsn', 'barusan'],
  ['sdg', 'sedang'],
  ['sdang', 'sedang'],
  ['sbtr', 'sebentar'],
  ['ptg', 'petang'],
  ['sbh', 'subuh'],
  ['siyang', 'siang'],
  ['dinihari', 'dini hari'],
  ['lgi', 'lagi'],
  ['tsb', 'tersebut'],
  ['ybs', 'bersangkutan'],
  ['pelakunya', 'pelaku'],
  ['hp', 'hp'],
  ['info', 'info'],
  ['inpo', 'info'],
  ['tks', 'terima kasih'],
  ['trims', 'terima kasih'],
  ['trmksh', 'terima kasih'],
  ['makasih', 'terima kasih'],
  ['makasi', 'terima kasih'],
  ['mksh', 'terima kasih'],
  ['thx', 'thanks'],
  ['tq', 'thanks'],
  ['ass', 'assalamualaikum'],
  ['askum', 'assalamualaikum'],
  ['assalamu', 'assalamualaikum'],
  ['slmt', 'selamat'],
  ['met', 'selamat'],
  ['miras2', 'miras'],
  ['hoaxs', 'hoax'],
  ['narkotika', 'narkoba'],
  // Palopo and eastern Indonesian Malay: "baku pukul" is "saling pukul".
  ['baku', 'saling'],
  ['pake', 'pakai'],
  ['ndak', 'tidak'],
  ['nda', 'tidak'],
  ['mw', 'mau'],
  ['ad', 'ada'],
  ['wktu', 'waktu'],
  ['wkt', 'waktu'],
  ['kna', 'kena'],
  ['kne', 'kena'],
  // Common misspellings of the words reports turn on (a letter dropped or swapped while typing fast).
  ['tawran', 'tawuran'],
  ['tawura', 'tawuran'],
  ['bnjir', 'banjir'],
  ['banjr', 'banjir'],
  ['kebakran', 'kebakaran'],
  ['kebakara', 'kebakaran'],
  ['pencurin', 'pencurian'],
  ['pencurain', 'pencurian'],
  ['pncurian', 'pencurian'],
  ['longsr', 'longsor'],
  // Colloquial "ng-" verbs: "ngungsi" is "mengungsi".
  ['ngungsi', 'mengungsi'],
  ['ngeroyok', 'mengeroyok'],
  ['ngumpul', 'berkumpul'],
]);

const REDUP_RE = /^([a-z]{2,})2(an|nya|kan)?$/;

/**
 * Expands one lowercase token for matching. Handles reduplication written with a 2 ("anak2" → "anak",
 * "dorong2an" → "dorongan") and returns the token unchanged when it is not slang.
 */
export function expandToken(token: string): string {
  const direct = SLANG.get(token);
  if (direct !== undefined) return direct;
  // Reduplication is written with a 2: a token without one needs no pattern.
  const redup = token.includes('2') ? REDUP_RE.exec(token) : null;
  if (redup) {
    const base = redup[1] ?? token;
    const word = `${base}${redup[2] ?? ''}`;
    return SLANG.get(word) ?? word;
  }
  return token;
}

const WORD_RE = /[a-z0-9]+/g;

/** Lowercase words of a text with slang expanded (multi-word expansions become several words). */
export function expandedWords(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(lower); m; m = WORD_RE.exec(lower)) {
    const e = expandToken(m[0]);
    if (e.includes(' ')) for (const w of e.split(' ')) out.push(w);
    else out.push(e);
  }
  return out;
}

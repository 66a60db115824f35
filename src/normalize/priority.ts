/**
 * Priority, read the way a careful duty officer reads it (docs/taxonomy.md):
 * - urgent: danger to people happening now or within hours — violence, weapons in use or carried to a fight, fire
 *   spreading, rising water, people trapped or cut off, victims — whatever the category. A call for help
 *   ("tolong cepat", "butuh bantuan segera", a flood report asking for "perahu karet") counts beside a danger;
 *   polite words alone ("tolong", "mohon segera ditindaklanjuti") never do.
 * - high: a planned mass event or threatened violence within days; weapons mentioned but not in use.
 * - normal: every other report. low: routine situation reports, and everything that is not a report.
 *
 * Every pattern here is a list of literal alternatives between word boundaries (at most one `\w*` after a fixed
 * stem, and bounded gaps), so the scan stays linear on any text.
 */
import type { Category, MessageKind, Priority } from '../core/normalized-message';

/** Danger to life or body (the event itself). */
const DANGER_RE =
  /\b(?:tawuran|tawur|tawran|tauran|bentrok\w*|perang|serang\w*|menyerang|diserang|keroyok\w*|dikeroyok|mengeroyok|pengeroyokan|pembacokan|penikaman|penusukan|penganiayaan|penyerangan|pemukulan|keracunan|lempar\w* (?:batu|kursi|meja|botol|kayu|gelas|piring|bom)|dilempari|lempar-lemparan|busur|panah|papporo|paporo|parang|badik|kawali|samurai|celurit|clurit|golok|sajam|senjata|senpi|molotov|bacok\w*|dibacok|tebas|ditebas|menebas|tikam\w*|ditikam|tusuk\w*|ditusuk|aniaya|dianiaya|pukul\w*|dipukul|dipukuli|dihajar|bunuh|dibunuh|kelahi|berkelahi|perkelahian|ricuh|rusuh|kerusuhan|kericuhan|bakar|dibakar|membakar|pembakaran|kebakaran|terbakar|api|asap|banjir|bnjir|banjr|longsor|gempa|tsunami|puting beliung|angin kencang|tenggelam|hanyut|terseret|terjebak|terjepit|tertimpa|tertimbun|terkurung|terisolir|terisolasi|jembatan putus|roboh|runtuh|ledak\w*|meledak|bom|peledak|begal|rampok\w*|jambret\w*|dijambret|todong\w*|ditodong|menodong|pisau|sandera|culik|diculik|penculikan|gas bocor|amuk|mengamuk|ngamuk|serbu|menyerbu|clash|bentrokan|bubarkan paksa|dibubarkan paksa|usir paksa|sweeping|geruduk|grebek|saling tantang|duel|(?:baku|saling) (?:lempar|pukul|serang|tikam|bacok|panah|busur|tembak)|kejar|saling kejar|onar|dihakimi|hakimi|main hakim|amuk massa|diamuk|tembak\w*|ditembak|merusak|dirusak|overdosis|over dosis|kejang\w*|sesak napas|tidak sadar|tdk sadar|pingsan|kecelakaan|tabrakan|ditabrak|tabrak|menabrak|(?:tas|benda|paket|bungkusan|kardus|koper|ransel) mencurigakan|jatuh ke|air naik|air pasang|meluap|pencuri|maling|pelemparan|rusak (?:pagar|rumah|kaca|kendaraan|motor|mobil)|(?:anak|orang|org|warga|balita|lansia)(?: (?:kel\.?|kelurahan|desa|kampung|dari|dr) [a-z]+)? hilang|(?:anak|balita|bocah)(?<!(?:motor|hp|dompet|tas|sepeda|barang|uang|kambing|sapi|ayam) (?:anak|balita|bocah)) (?:sy|saya|kami|kmi)(?: (?:umur|usia) \d{1,2} (?:thn|tahun|th))? hilang|(?:coba|mencoba) (?:buka|masuk|bobol|congkel)|kemasukan air|air masuk|kebanjiran|setinggi (?:lutut|pinggang|dada|leher)|sepinggang|sedada|selutut|(?:datangi|mendatangi|geruduk|menggeruduk) rumah|bubarkan ibadah|membubarkan ibadah|bawa obor|membawa obor|(?:mau|akan|hendak|ingin) (?:usir|mengusir)|(?:kumpulkan|mengumpulkan|kerahkan|mengerahkan) massa|lompat dari|lompat dr|bunuh diri|gantung diri|tersengat|kesetrum|tersetrum|menimpa|kabel menjuntai|kabel putus|korsleting|jebol)\b/g;
/** Violence by people (a hoax about an earthquake is not a danger; a hoax that leads to a beating is). */
const VIOLENCE_RE =
  /\b(?:keroyok\w*|dikeroyok|serang\w*|diserang|pukul\w*|dipukul|aniaya|dianiaya|bakar|dibakar|amuk|mengamuk|bunuh|dibunuh|tawuran|bentrok\w*|sweeping|geruduk|bubarkan paksa|usir paksa)\b/;
/** It is over: "situasi sekarang sudah aman" is not urgent though it says "sekarang". */
const OVER_RE =
  /\b(?:sudah|sdh|telah|udah|udh) (?:aman|kondusif|terkendali|selesai|padam|dipadamkan|surut|reda|ditangani|diamankan|berakhir|bubar|dibubarkan|damai|normal|dievakuasi|ditemukan|tertangkap)\b|\b(?:mulai surut|berhasil dipadamkan|bisa dikendalikan|air (?:sudah|sdh|telah) turun|(?:sudah|sdh|mulai) pulang ke rumah)\b|\b(?:masih|msh) (?:damai|tertib|kondusif|terkendali)\b|\b(?:tdk|tidak|tak|gak|ga) (?:membahayakan|berbahaya)\b|\b(?:sudah|sdh|telah) (?:dijaga|dikawal)\b|\b(?:polisi|aparat|petugas|tni|brimob|babinsa|bhabinkamtibmas) (?:sudah|sdh|telah) (?:jaga|berjaga|menjaga)\b|\b(?:skrg|sekarang|kini|saat ini) (?:sudah |sdh )?(?:aman|kondusif|terkendali|tenang)\b/;
/**
 * Over in part only: "api kecil sdh dipadamkan tp mrk msh mondar mandir di sekitar" — the attackers are still there.
 * At most two words between "tapi" and "masih" (a bounded gap of literal-free words, linear).
 */
const BUT_STILL_RE =
  /\b(?:tp|tapi|tetapi|namun) (?:[a-z]+ ){0,2}(?:msh|masih) (?:mondar|berkeliaran|kumpul|berkumpul|ngumpul|bawa|membawa|mengancam|ancam|di sekitar|di lokasi|bertahan|menunggu|mencari|mengejar|kejar|menyerang|serang)\b/;
/**
 * Things buried, not people: "jalan ke latuppa tertimbun longsor", "sawah warga tertimbun lumpur". Looked for in the
 * few words before "tertimbun"/"tertimpa".
 */
const THING_BURIED_RE =
  /\b(?:jalan|jalanan|jln|jl|akses|sawah|kebun|lahan|empang|tambak|kolam|tanaman|saluran|irigasi|parit|got|mobil|motor|kendaraan)\b(?: [a-z]+){0,3} $/;
const BURIED_RE = /^(?:tertimbun|tertimpa)$/;
/** Happening now or within hours ("makin panas" is a quarrel heating up, not a danger now). */
const NOW_RE =
  /\b(?:(?:skrg|sekarang|skrang|saat ini)(?! (?:masih |msh |sdh |sudah |mulai )?(?:tegang|memanas|panas|resah|sepi|dijaga|tenang|aman|kondusif|terkendali))|sedang berlangsung|masih berlangsung|sementara berlangsung|sedang terjadi|lagi terjadi|msh terjadi|masih terjadi|barusan|baru saja|(?:msh|masih)(?! (?:saling )?(?:tegang|memanas|panas|resah|dendam|trauma|takut|sepi|dijaga|tenang|aman|kondusif|terkendali|bisa))|mlm ini|malam ini|nanti malam|ini malam|sebentar lagi|hari ini(?! (?:msh |masih )?(?:saling )?(?:tegang|memanas|panas|resah|dendam|trauma|sepi|dijaga|tenang|aman|kondusif|terkendali))|siang ini|sore ini|pagi ini|mulai(?! (?:panas|tegang|memanas|resah))|(?:se)?makin(?! (?:panas|tegang|resah|meresahkan))|terus|belum datang|blm dtg|blm datang|belum dtg|tdk datang2|tidak datang2|belum ada (?:polisi|aparat|petugas)|blm ada (?:polisi|aparat|petugas)|(?:polisi|aparat|petugas) (?:blm|belum) (?:ada|datang|dtg|tiba|sampai)|sedang|sdg|lagi (?:tawuran|bentrok|ribut|ricuh|kebakaran|banjir|kumpul|berkumpul|ngumpul)|(?:sdh|sudah|msh|masih) (?:kumpul|berkumpul|ngumpul)|berkeliaran|on the spot|live|darurat|emergency|gawat|genting|segera (?:kirim|datang|turun)|tolong (?:kirim|cepat|segera|bantu|datang|ki|ambulans|ambulance)|(?:blm|belum) ada (?:ambulans|ambulance)|tolongki|tolongmi|cepat (?:datang|ki|kirim)|minta (?:bantuan|tolong)|butuh bantuan|perlu bantuan|kirim (?:damkar|polisi|aparat|bantuan|ambulans|ambulance|petugas|tim sar)|tim sar|perahu karet|takut keluar|tdk berani keluar|tidak berani keluar|keluarkan|mengeluarkan|mencabut|acungkan|mengacungkan|menghunus|todongkan|menodongkan|mengayunkan|teriak minta tolong)\b/;
/** Within hours though not started: tonight's threatened attack is urgent. */
const WITHIN_HOURS_RE =
  /\b(?:malam ini|mlm ini|nanti malam|ini malam|sebentar lagi|hari ini(?! (?:msh |masih )?(?:saling )?(?:tegang|memanas|panas|resah|dendam|trauma|sepi|dijaga|tenang|aman|kondusif|terkendali))|siang ini|sore ini)\b/;
/** People hurt or at risk. */
const VICTIM_RE =
  /\b(?:korban|luka|luka2|terluka|berdarah|berdarah2|tewas|meninggal|mati|kritis|sekarat|terkapar|babak belur|dievakuasi|evakuasi|mengungsi|ngungsi|ditebas|tertebas|ditikam|dibacok|ditusuk|dibusur|dipanah|(?:\d+|satu|dua|tiga|empat|lima|beberapa|bbrp) (?:org|orang) (?:sdh |sudah )?(?:kena|kna|terkena)\b|(?:kena|kna|terkena) (?:tebas|bacok|tikam|tusuk|busur|panah|anak panah|parang|badik|kawali|peluru|tembak|lemparan|sabet)|terjebak|tertimbun|terjepit|tertimpa|hanyut|tenggelam|pingsan|tdk sadar|tidak sadar|tak sadarkan diri|tidak sadarkan diri|tergeletak|dilarikan ke|masuk rs|ugd|rumah sakit)\b/;
/** Said of the victims to mean there are none. */
const NO_VICTIM_RE =
  /\b(?:tidak|tdk|tak|belum|blm|tanpa|gak|ga|nggak|bukan) (?:ada )?(?:korban|luka|yang luka|yg luka|terluka)\b/;
/** People who cannot get away by themselves: urgent as long as nothing says they are safe. */
const RESCUE_RE =
  /\b(?:terjebak|terjepit|tertimpa|tertimbun|terkurung|terisolir|terisolasi|tdk bisa keluar|tidak bisa keluar|(?:tdk|tidak|tak|blm|belum) bisa (?:pulang|turun|dievakuasi)|blm bisa keluar|belum bisa keluar|msh di dalam|masih di dalam|msh di dlm|masih di dlm|naik ke (?:atap|pohon|loteng)|perahu karet|tim sar|terseret arus|menjuntai|terjuntai|(?:mau|akan|hendak|ancam|coba|mencoba) (?:bunuh diri|lompat|gantung diri)|air (?:mulai|msh|masih|terus) masuk|(?:msh|masih) ada (?:org|orang|warga|penghuni)|belum ditemukan|blm ditemukan|belum ketemu|blm ketemu|masih dicari|msh dicari|sedang dicari|cari ke mana\w*)\b/;
/** Water still rising or already high where people live. */
const RISING_WATER_RE =
  /\b(?:(?:air|banjir)(?: sungai)? (?:msh |masih |makin |semakin |terus |mulai )(?:naik|tinggi|meluap)|air (?:msh |masih )?naik|makin tinggi|semakin tinggi|(?:se)?tinggi (?:pinggang|dada|leher|atap|kepala)|sepinggang|sedada|seleher)\b/;
/** Fire or danger spreading. */
const SPREADING_RE = /\b(?:menjalar|merembet|merambat|meluas|membesar|api (?:msh |masih |sangat |sgt )?besar)\b/;
/** Explosives found where people are. */
const EXPLOSIVE_RE =
  /\b(?:bahan peledak|bom rakitan|rakitan bom|rakit bom|granat|(?:tas|benda|paket|bungkusan|kardus|koper|ransel) mencurigakan)\b/;
/** Past or over: these take urgency away from a danger word unless a now-word contradicts. */
const PAST_RE =
  /\b(?<!sejak )(?:kemarin|kmrn|kemaren|semalam|tadi malam|td mlm|tadi pagi|td pagi|tadi subuh|td subuh|minggu lalu|mgg lalu|bulan lalu|bln lalu|tahun lalu|thn lalu|hari lalu|sudah (?:aman|kondusif|selesai|padam|surut|reda|ditangani|diamankan|berakhir|bubar)|sdh (?:aman|kondusif|selesai|padam|surut|reda|ditangani|diamankan|berakhir|bubar)|telah (?:aman|padam|selesai|surut)|pernah|sempat|dulu|hampir|nyaris)\b/;
/** Plans and threats: high when no harm is happening yet. */
const PLANNED_RE =
  /\b(?:akan|rencana\w*|direncanakan|mau|hendak|besok|bsk|lusa|minggu depan|pekan depan|nanti|undangan|seruan|ajakan|konsolidasi|persiapan|bersiap|siap2|siap-siap|ancam\w*|diancam|mengancam|balas dendam|balas|hari (?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu))\b/;
/** Words that make a danger word talk about something else than danger now ("setelah perkelahian", "bakar sampah"). */
const NOT_DANGER_BEFORE_RE =
  /(?:setelah|stlh|sesudah|pasca|bekas|sisa|isu|hampir|nyaris|takut|takutnya|khawatir|khawatirnya|dikhawatirkan|rawan|antisipasi|cegah) $/;
const NOT_DANGER_AFTER_RE = /^ (?:sampah|ikan|jagung|sate)\b/;
const CLOCK_AFTER_RE = /^\s?\d/;
const WEAPON_WORD_RE =
  /^(?:pisau|busur|panah|papporo|paporo|parang|badik|kawali|samurai|celurit|clurit|golok|sajam|senjata|senpi|molotov)$/;
/** Weapons mentioned (without being used now). */
const WEAPON_RE =
  /\b(?:pisau|busur|panah|papporo|paporo|parang|badik|kawali|samurai|celurit|clurit|golok|sajam|senjata|senpi|molotov|pistol|bom|ketapel)\b/;
/** A fight only feared: "bawa badik, tuan rumah takut ada ribut" is a weapon carried, not yet in use. */
const FEARED_FIGHT_RE =
  /\b(?:takut|takutnya|khawatir|khawatirnya|dikhawatirkan|cemas)(?: (?:ada|terjadi|akan|bakal|nanti))? (?:ribut|keributan|bentrok|bentrokan|tawuran|perkelahian|kelahi|perang|diserang|rusuh|kerusuhan|ricuh)\b/;
/** Routine situation reports from FKDM, lurah and camat offices. */
const ROUTINE_RE =
  /\b(?:situasi (?:aman|kondusif|terkendali)|aman (?:dan )?(?:terkendali|kondusif)|kondusif|nihil|laporan situasi|lapsit|laporan rutin|tidak ada kejadian|tdk ada kejadian|tidak ada gangguan)\b/;
/** Hearsay: a rumour of danger is not a danger (a hoax report, "katanya"). */
const HEARSAY_RE =
  /\b(?:hampir|nyaris|rawan|potensi|antisipasi|cegah|isu|kabar|katanya|seolah\w*|seakan\w*|pernah|sering|kadang|kadang2|sesekali|tiap|setiap|biasa|takut|takutnya|khawatir|dikhawatirkan)\b/;
/** A claim the writer does not vouch for: "katanya ada korban jiwa …, padahal tdk ada". */
const CLAIMED_RE = /\b(?:katanya|konon|seolah\w*|seakan\w*|padahal)\b/;
/** A clash or a fire told without any time is being reported as it happens. */
const ONGOING_BY_NATURE_RE =
  /\b(?:tawuran|tawran|tauran|bentrok|bentrokan|saling serang|(?:baku|saling) (?:lempar|panah|busur|tikam|bacok|tembak|parang)|saling lempar|lempar batu|kebakaran|terbakar|dikeroyok|ricuh|rusuh|amuk|mengamuk)\b/;
const MASS_EVENT: ReadonlySet<Category> = new Set(['unjuk_rasa', 'konflik_sosial', 'ormas', 'politik_pemilu', 'sara']);

/** A signal computed on first use, then remembered. */
function once<T>(read: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value;
  };
}

/** Everything priority looks at besides the text. */
export interface PrioritySignals {
  kind: MessageKind;
  category: Category | null;
}

/** The priority and the words (as written) that decided it. */
export interface PriorityDecision {
  priority: Priority;
  words: string[];
}

/**
 * The first danger word that really speaks of danger: not "bakar sampah", not "setelah perkelahian". With
 * `beyondWeapons`, the first one that is not a weapon merely named ("bawa badik").
 */
function findDanger(lowerText: string, beyondWeapons = false): string | null {
  DANGER_RE.lastIndex = 0;
  for (let m = DANGER_RE.exec(lowerText); m; m = DANGER_RE.exec(lowerText)) {
    const before = lowerText.slice(Math.max(0, m.index - 14), m.index);
    const after = lowerText.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (NOT_DANGER_BEFORE_RE.test(before) || NOT_DANGER_AFTER_RE.test(after)) continue;
    if (beyondWeapons && WEAPON_WORD_RE.test(m[0])) continue;
    // "pukul 23.00" tells the time; only "pukul" without a number is a blow.
    if (m[0] === 'pukul' && CLOCK_AFTER_RE.test(after)) continue;
    // "jalan ke latuppa tertimbun longsor": a road or a field buried is damage, not people in danger.
    if (BURIED_RE.test(m[0]) && THING_BURIED_RE.test(lowerText.slice(Math.max(0, m.index - 40), m.index))) continue;
    return m[0];
  }
  return null;
}

/** People who need rescue: not a road or a field buried by a landslide. */
function findRescue(lowerText: string): RegExpExecArray | null {
  const m = RESCUE_RE.exec(lowerText);
  if (!m || !BURIED_RE.test(m[0])) return m;
  if (THING_BURIED_RE.test(lowerText.slice(Math.max(0, m.index - 40), m.index))) return null;
  return m;
}

/** The priority of a message. `lowerText` is the cleaned text in lowercase (slang unexpanded is fine). */
export function decidePriority(lowerText: string, s: PrioritySignals): PriorityDecision {
  if (s.kind !== 'report' || s.category === null) return { priority: 'low', words: [] };
  const danger = findDanger(lowerText);
  // The other signals are read only when a rule below asks for them: most reports name no danger at all.
  const victims = once(() => VICTIM_RE.exec(lowerText)?.[0] ?? null);
  const noVictims = once(() => NO_VICTIM_RE.test(lowerText));
  const past = once(() => PAST_RE.test(lowerText));
  const planned = once(() => PLANNED_RE.exec(lowerText)?.[0] ?? null);
  const over = once(() => OVER_RE.test(lowerText) && !BUT_STILL_RE.test(lowerText));
  // A hoax or rumour about a danger is not a danger, unless it already led to violence.
  // A hoax that already drew blood ("dikira penculik, dia sdh berdarah2") is a danger whatever rumour started it.
  const dangerCounts =
    s.category !== 'hoaks' ||
    (VIOLENCE_RE.test(lowerText) &&
      (!HEARSAY_RE.test(lowerText) || (victims() !== null && !CLAIMED_RE.test(lowerText))));
  if (danger && dangerCounts && !over()) {
    const rescue = findRescue(lowerText) ?? RISING_WATER_RE.exec(lowerText) ?? SPREADING_RE.exec(lowerText);
    if (rescue && !past()) return { priority: 'urgent', words: [danger, rescue[0]].filter(unique) };
    const explosive = EXPLOSIVE_RE.exec(lowerText);
    if (explosive) return { priority: 'urgent', words: [explosive[0]] };
    const now = NOW_RE.exec(lowerText) ?? WITHIN_HOURS_RE.exec(lowerText);
    // Weapons carried where a fight is only feared: high (below), unless something else is happening.
    const onlyFeared = once(
      () => FEARED_FIGHT_RE.test(lowerText) && findDanger(lowerText, true) === null && !victims(),
    );
    if (now && !onlyFeared()) {
      const victim = noVictims() ? null : victims();
      return { priority: 'urgent', words: [danger, now[0], victim].filter(unique) };
    }
    const victim = victims();
    if (victim && !noVictims() && !past()) return { priority: 'urgent', words: [danger, victim].filter(unique) };
    if (ONGOING_BY_NATURE_RE.test(lowerText) && !HEARSAY_RE.test(lowerText) && !past() && !planned())
      return { priority: 'urgent', words: [danger] };
  }
  // People cut off by a disaster ("jembatan putus, anak sekolah tdk bisa pulang") or water still rising ("air sungai
  // masih naik, warga mulai mengungsi") need help whatever word told it.
  if (s.category === 'bencana' && !over() && !past()) {
    const rescue = findRescue(lowerText) ?? RISING_WATER_RE.exec(lowerText);
    if (rescue) return { priority: 'urgent', words: [rescue[0]] };
  }
  if (s.category === 'lainnya' && ROUTINE_RE.test(lowerText)) {
    const routine = ROUTINE_RE.exec(lowerText);
    return { priority: 'low', words: routine ? [routine[0]] : [] };
  }
  const plan = MASS_EVENT.has(s.category) ? planned() : null;
  if (plan) return { priority: 'high', words: [danger, plan].filter(unique) };
  const weapon = WEAPON_RE.exec(lowerText);
  if (weapon && s.category !== 'lainnya') return { priority: 'high', words: [weapon[0]] };
  const victim = danger ? victims() : null;
  if (danger && victim && !noVictims() && !past()) return { priority: 'high', words: [danger, victim].filter(unique) };
  return { priority: 'normal', words: [] };
}

function unique(w: string | null, i: number, all: (string | null)[]): w is string {
  return w !== null && all.indexOf(w) === i;
}

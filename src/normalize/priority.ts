/**
 * Priority exactly per TAXONOMY.md:
 * - urgent: violence, fire, flood or another danger to life happening now or within hours (now-words, victims,
 *   weapons in use or carried to a fight). Polite words ("tolong", "mohon segera") count only beside a danger.
 * - high: a planned mass event or threatened violence within days; weapons mentioned but not in use.
 * - normal: every other report. low: routine situation reports, and everything that is not a report.
 */
import type { Category, MessageKind, Priority } from '../core/normalized-message';

/** Danger to life or body: the only thing that can make a report urgent. */
const DANGER_RE =
  /\b(?:tawuran|tawur|bentrok\w*|perang|serang\w*|menyerang|diserang|keroyok\w*|dikeroyok|mengeroyok|lempar\w* batu|lempar-lemparan|busur|panah|papporo|paporo|parang|badik|sajam|senjata|molotov|bacok\w*|dibacok|tikam\w*|ditikam|tusuk\w*|ditusuk|aniaya|dianiaya|pukul\w*|dipukul|bunuh|dibunuh|kelahi|berkelahi|perkelahian|ricuh|rusuh|kerusuhan|kericuhan|bakar|dibakar|membakar|kebakaran|terbakar|api|banjir|longsor|gempa|tsunami|puting beliung|angin kencang|tenggelam|hanyut|terjebak|tertimbun|jembatan putus|roboh|runtuh|ledak\w*|meledak|bom|begal|rampok\w*|sandera|culik|penculikan|gas bocor|amuk|mengamuk|ngamuk|serbu|menyerbu|clash|bentrokan|bubarkan paksa|dibubarkan paksa|usir paksa|sweeping|geruduk|grebek|kejar|saling kejar|onar|dihakimi|hakimi|main hakim|amuk massa|diamuk)\b/;
/** Violence by people (a hoax about an earthquake is not a danger; a hoax that leads to a beating is). */
const VIOLENCE_RE =
  /\b(?:keroyok\w*|dikeroyok|serang\w*|diserang|pukul\w*|dipukul|aniaya|dianiaya|bakar|dibakar|amuk|mengamuk|bunuh|dibunuh|tawuran|bentrok\w*|sweeping|geruduk|bubarkan paksa|usir paksa)\b/;
/** It is over: "situasi sekarang sudah aman" is not urgent though it says "sekarang". */
const OVER_RE =
  /\b(?:sudah|sdh|telah|udah|udh) (?:aman|kondusif|terkendali|selesai|padam|dipadamkan|surut|reda|ditangani|diamankan|berakhir|bubar|dibubarkan|damai|normal)\b/;
/** Happening now or within hours. */
const NOW_RE =
  /\b(?:skrg|sekarang|skrang|saat ini|sedang berlangsung|masih berlangsung|sementara berlangsung|sedang terjadi|lagi terjadi|barusan|baru saja|msh|masih|mlm ini|malam ini|nanti malam|ini malam|sebentar lagi|hari ini|siang ini|sore ini|pagi ini|mulai|makin|semakin|terus|belum datang|blm dtg|blm datang|belum dtg|belum ada (?:polisi|aparat|petugas)|blm ada (?:polisi|aparat|petugas)|sedang|sdg|lagi (?:tawuran|bentrok|ribut|ricuh|kebakaran|banjir)|on the spot|live|darurat|emergency|gawat|genting|segera (?:kirim|datang|turun)|tolong (?:kirim|cepat|segera|bantu|datang)|cepat datang|minta bantuan|kirim (?:damkar|polisi|aparat|bantuan|ambulans|ambulance|petugas))\b/;
/** People hurt or at risk. */
const VICTIM_RE =
  /\b(?:korban|luka|luka2|terluka|berdarah|tewas|meninggal|mati|kritis|sekarat|dievakuasi|evakuasi|terjebak|tertimbun|hanyut|tenggelam|pingsan|dilarikan ke|masuk rs|rumah sakit)\b/;
/** Said of the victims to mean there are none. */
const NO_VICTIM_RE =
  /\b(?:tidak|tdk|tak|belum|blm|tanpa|gak|ga|nggak|bukan) (?:ada )?(?:korban|luka|yang luka|yg luka|terluka)\b/;
/** Past or over: these take urgency away from a danger word unless a now-word contradicts. */
const PAST_RE =
  /\b(?:kemarin|kmrn|kemaren|semalam|tadi malam|td mlm|tadi pagi|td pagi|tadi subuh|td subuh|minggu lalu|bulan lalu|tahun lalu|hari lalu|sudah (?:aman|kondusif|selesai|padam|surut|reda|ditangani|diamankan|berakhir|bubar)|sdh (?:aman|kondusif|selesai|padam|surut|reda|ditangani|diamankan|berakhir|bubar)|telah (?:aman|padam|selesai|surut)|pernah|sempat|dulu|hampir|nyaris)\b/;
/** Plans and threats: high when no harm is happening yet. */
const PLANNED_RE =
  /\b(?:akan|rencana\w*|direncanakan|mau|hendak|besok|bsk|lusa|minggu depan|pekan depan|nanti|undangan|seruan|ajakan|konsolidasi|persiapan|bersiap|siap2|siap-siap|ancam\w*|diancam|mengancam|balas dendam|balas|hari (?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu))\b/;
/** Weapons mentioned (without being used now). */
const WEAPON_RE = /\b(?:busur|panah|papporo|paporo|parang|badik|sajam|senjata|molotov|pistol|bom|ketapel)\b/;
/** Routine situation reports from FKDM, lurah and camat offices. */
const ROUTINE_RE =
  /\b(?:situasi (?:aman|kondusif|terkendali)|aman (?:dan )?(?:terkendali|kondusif)|kondusif|nihil|laporan situasi|lapsit|laporan rutin|tidak ada kejadian|tdk ada kejadian|tidak ada gangguan)\b/;
const MASS_EVENT: ReadonlySet<Category> = new Set(['unjuk_rasa', 'konflik_sosial', 'ormas', 'politik_pemilu', 'sara']);
const VIOLENT: ReadonlySet<Category> = new Set(['konflik_sosial', 'unjuk_rasa', 'kriminalitas', 'bencana', 'sara']);

/** A signal computed on first use, then remembered. */
function once(read: () => boolean): () => boolean {
  let value: boolean | undefined;
  return () => {
    value ??= read();
    return value;
  };
}

/** Everything priority looks at besides the text. */
export interface PrioritySignals {
  kind: MessageKind;
  category: Category | null;
}

/** The priority of a message. `lowerText` is the cleaned text in lowercase (slang unexpanded is fine). */
export function decidePriority(lowerText: string, s: PrioritySignals): { priority: Priority; reasons: string[] } {
  if (s.kind !== 'report' || s.category === null) return { priority: 'low', reasons: [] };
  const reasons: string[] = [];
  const danger = DANGER_RE.exec(lowerText);
  // The other signals are read only when a rule below asks for them: most reports name no danger at all.
  const victims = once(() => VICTIM_RE.test(lowerText) && !NO_VICTIM_RE.test(lowerText));
  const past = once(() => PAST_RE.test(lowerText));
  const planned = once(() => PLANNED_RE.test(lowerText));
  const dangerCounts =
    VIOLENT.has(s.category) ||
    s.category === 'ormas' ||
    s.category === 'radikalisme' ||
    (s.category === 'hoaks' && VIOLENCE_RE.test(lowerText));
  if (danger && dangerCounts && !OVER_RE.test(lowerText)) {
    reasons.push(danger[0]);
    const now = NOW_RE.exec(lowerText);
    // Within hours: tonight's threatened attack is urgent even though it has not started.
    const withinHours =
      /\b(?:malam ini|mlm ini|nanti malam|ini malam|sebentar lagi|hari ini|siang ini|sore ini)\b/.test(lowerText);
    if (now || withinHours) {
      reasons.push(now?.[0] ?? 'dalam hitungan jam');
      return { priority: 'urgent', reasons };
    }
    if (victims() && !past()) {
      reasons.push('korban');
      return { priority: 'urgent', reasons };
    }
    // A clash or a fire told without any time, with nothing saying it is over, is being reported as it happens.
    const ongoingByNature =
      /\b(?:tawuran|bentrok|bentrokan|saling serang|saling lempar|lempar batu|kebakaran|terbakar|dikeroyok|ricuh|rusuh|amuk|mengamuk)\b/.test(
        lowerText,
      ) &&
      !/\b(?:hampir|nyaris|rawan|potensi|antisipasi|cegah|isu|kabar|katanya|pernah|sering|tiap|setiap|biasa)\b/.test(
        lowerText,
      );
    if (ongoingByNature && !past() && !planned()) {
      reasons.push('sedang terjadi');
      return { priority: 'urgent', reasons };
    }
  }
  if (s.category === 'lainnya' && ROUTINE_RE.test(lowerText)) return { priority: 'low', reasons: ['situasi rutin'] };
  if (MASS_EVENT.has(s.category) && planned()) return { priority: 'high', reasons: [...reasons, 'rencana'] };
  const weapon = WEAPON_RE.exec(lowerText);
  if (weapon && s.category !== 'lainnya') return { priority: 'high', reasons: [...reasons, weapon[0]] };
  if (danger && victims() && !past()) return { priority: 'high', reasons: [...reasons, 'korban'] };
  return { priority: 'normal', reasons };
}

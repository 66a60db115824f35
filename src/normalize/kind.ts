/**
 * What kind of message this is: a report, a status query about an earlier report, a question to the office (how to
 * report, office hours, what this is), noise (tests, greetings, thanks, operator promotions, balance notices) or a
 * machine-written auto reply
 * (bounces, delivery and feedback reports, out-of-office, bulk mail).
 */
import type { MessageKind, NormalizeInput } from '../core/normalized-message';
import { asksAboutService, asksBareStatus, asksOfficeProcedure, questionTopic } from './conversation-signals';

/** Result of the email header check. */
export interface AutoReplyVerdict {
  /** A machine wrote it: never an incident, never answered. */
  autoReply: boolean;
  /** Must not be answered automatically (also true for mailing lists and X-Auto-Response-Suppress). */
  doNotAutoReply: boolean;
  /** Which signal decided, for audit ("content-type multipart/report", "subject", …). */
  reason: string | null;
}

type Headers = Record<string, string | string[]>;

function header(headers: Headers | undefined, name: string): string[] {
  const v = headers?.[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

const MACHINE_SENDER_RE =
  /(?:^|[<\s"(])(?:mailer-daemon|post[-_.]?master|poostmaster|mail\.delivery\.system|mailerdaemon|bounces?|no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply-[\w.-]*|notifications?-noreply)(?:[@>\s"),]|$)/i;
/** Control addresses of mailing-list software (owner-x@, x-admin@, x-request@, x-ctl@, x-bounces@). */
const LIST_CONTROL_RE = /(?:^|[<\s"(])(?:owner-[\w.+-]+|[\w.+]+-(?:admin|owner|request|ctl|bounces?))@/i;
const LIST_SOFTWARE_HEADERS = [
  'x-mlserver',
  'x-ml-name',
  'mailing-list',
  'list-id',
  'list-subscribe',
  'list-unsubscribe',
];
const MACHINE_NAME_RE =
  /^\s*"?(?:mail delivery (?:subsystem|system|service)|mailer[- ]daemon|postmaster|microsoft outlook)\b/i;
/** Subjects that machines write; a human forward ("Fwd: Returned mail…") does not start like this. */
const AUTO_SUBJECT_RE = new RegExp(
  '^\\s*(?:\\[?(?:auto(?:matic|matische)?[ -]?(?:reply|response|respon|antwort|answer)|autoreply|auto-reply|' +
    'out of (?:the )?office|ooo\\b|abwesenheit|absence|away from (?:the )?office|on vacation|vacation reply|' +
    'balasan otomatis|pesan otomatis|jawaban otomatis|sedang cuti|di luar kantor|' +
    'undeliver(?:able|ed)|undelivered mail|delivery (?:status )?notification|delivery notification|' +
    'delivery (?:has )?failed|delivery failure|mail delivery (?:failed|failure|problem)|returned mail|' +
    'return(?:ed)? to sender|failure notice|mail failure|message delivery failure|non[- ]?delivery|' +
    'delivery report|delayed mail|warning: (?:message|could not send)|postmaster notify|notice: mail delivery|' +
    'mail system error|message not delivered|could not send message|delivery status|undelivered|' +
    'read receipt|read: |dibaca: |abuse report|complaint about|feedback report|away until|loop alert))',
  'i',
);
const REPLY_PREFIX_RE = /^\s*(?:(?:fwd?|fw|tr|wg|rv|enc|re|aw|sv|vs|balas|trs)\s*:\s*)+/i;
/** Bodies that machines write, looked for only in the part the sender wrote (not in quoted or forwarded text). */
const AUTO_BODY_RE = new RegExp(
  '(?:this is an automatically generated delivery status notification|this is the mail system at host|' +
    "i'm sorry to have to inform you that your message could not|delivery has failed to these recipients|" +
    "your message (?:could not|wasn't|was not) (?:be )?delivered|the following addresses had permanent fatal errors|" +
    'message could not be delivered|mail delivery failed|undeliverable message|this message was created automatically by mail delivery software|' +
    'i am (?:currently )?out of (?:the )?office|saya sedang (?:cuti|di luar kantor|tidak di kantor)|' +
    'ini adalah (?:pesan|balasan) otomatis|pesan ini dikirim secara otomatis|this is an automated (?:message|reply|response)|' +
    'auto-?reply|do not reply to this (?:e-?mail|message))',
  'i',
);
const FORWARD_MARK_RE =
  /^(?:begin forwarded message|-{2,}\s*(?:forwarded message|original message|pesan yang diteruskan|pesan asli)|from: .*\n.*sent: )/im;

/** The sender's own lines: before a forward marker, without "> quoted" lines. */
export function ownText(text: string): string {
  const mark = FORWARD_MARK_RE.exec(text);
  const head = mark ? text.slice(0, mark.index) : text;
  return head
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join('\n');
}

/**
 * Reads email headers (names lowercased), the From value and subject for the signs of a machine-written mail
 * (docs/taxonomy.md) and for "do not answer automatically" signs that still leave the mail to be read.
 */
export function detectAutoReply(
  input: Pick<NormalizeInput, 'from' | 'subject' | 'text' | 'headers'>,
): AutoReplyVerdict {
  const h = input.headers;
  const verdict = (reason: string): AutoReplyVerdict => ({ autoReply: true, doNotAutoReply: true, reason });
  for (const ct of header(h, 'content-type')) {
    const v = ct.toLowerCase();
    if (/multipart\/report/.test(v) || /message\/(?:delivery-status|feedback-report|disposition-notification)/.test(v))
      return verdict(`content-type ${v.split(';')[0]}`);
    if (/report-type\s*=\s*"?(?:delivery-status|feedback-report|disposition-notification)/.test(v))
      return verdict('report-type');
  }
  for (const rp of header(h, 'return-path'))
    if (/^\s*<\s*>\s*$/.test(rp) || /^\s*$/.test(rp)) return verdict('return-path <>');
  for (const as of header(h, 'auto-submitted'))
    if (as.trim() && !/^\s*no\b/i.test(as)) return verdict('auto-submitted');
  for (const name of [
    'x-autoreply',
    'x-autorespond',
    'x-autoresponder',
    'x-autogenerated',
    'x-vacation',
    'x-mail-autoreply',
  ]) {
    if (header(h, name).some((v) => v.trim() !== '' && !/^\s*no\b/i.test(v))) return verdict(name);
  }
  if (header(h, 'x-failed-recipients').length > 0) return verdict('x-failed-recipients');
  if (header(h, 'feedback-type').length > 0) return verdict('feedback-type (ARF)');
  for (const p of header(h, 'precedence'))
    if (/\b(?:bulk|junk|auto_reply)\b/i.test(p)) return verdict(`precedence ${p.trim()}`);
  const fromValues = [input.from, ...header(h, 'from'), ...header(h, 'sender')].filter(Boolean);
  for (const f of fromValues) {
    if (MACHINE_SENDER_RE.test(f) || MACHINE_NAME_RE.test(f) || /^\s*<?\s*>?\s*$/.test(f))
      return verdict('machine sender');
  }
  // A list manager's own notices (not a member, loop alert, …) come from the list's control address.
  if (
    LIST_SOFTWARE_HEADERS.some((name) => header(h, name).length > 0) &&
    fromValues.some((f) => LIST_CONTROL_RE.test(f))
  )
    return verdict('mailing list manager');
  const subject = input.subject ?? header(h, 'subject')[0] ?? '';
  if (
    subject &&
    !/^\s*(?:fwd?|fw|tr|wg|enc|trs)\s*:/i.test(subject) &&
    AUTO_SUBJECT_RE.test(subject.replace(/^\s*re\s*:\s*/i, ''))
  ) {
    if (!/^\s*re\s*:/i.test(subject) || AUTO_SUBJECT_RE.test(subject)) return verdict('subject');
  }
  if (input.subject !== undefined || h) {
    const own = ownText(input.text).slice(0, 2000);
    if (AUTO_BODY_RE.test(own) && !REPLY_PREFIX_RE.test(subject.slice(0, 5)) && own.length < 1500)
      return verdict('body');
  }
  const doNotAutoReply =
    header(h, 'x-auto-response-suppress').length > 0 ||
    header(h, 'list-id').length > 0 ||
    header(h, 'list-unsubscribe').length > 0 ||
    header(h, 'precedence').some((p) => /\blist\b/i.test(p));
  return { autoReply: false, doNotAutoReply, reason: doNotAutoReply ? 'list or suppress header' : null };
}

export const STATUS_WORDS_RE =
  /\b(?:status|cek|check|sampai mana|sdh sampai|sudah sampai|sejauh mana|perkembangan|progres|progress|tindak ?lanjut(?:nya)?|ditindaklanjuti|bagaimana|gimana|gmn|kabar(?:nya)?|sudah diproses|sdh diproses|diproses|ditangani|direspon|ditanggapi|kapan|apakah sudah|apa sudah|udah|sudah ada|belum ada)\b/i;
/** The status words that can only ask ("perkembangan", "tindak lanjut" can also tell). */
const STATUS_ASKED_RE =
  /\b(?:sampai mana|sdh sampai|sudah sampai|smpe mana|sampe mana|sejauh mana|bagaimana|gimana|gmn|kapan|apakah|apa sudah|kok|kabarnya|statusnya)\b/;
const STATUS_NO_CODE_RE =
  /\b(?:laporan|aduan|pengaduan)\s+(?:saya|sy|kami|kmi|aku)\b(?:[^.?!]|(?<=\b(?:kel|kec|jl|jln|gg|no))\.){0,60}\b(?:sampai mana|sejauh mana|bagaimana|gimana|gmn|perkembangan|sudah di|sdh di|udah di|belum di|blm di|kok belum|kok blm|statusnya|tindak ?lanjut|belum ada|blm ada|blm ditanggapi|belum ditanggapi|belum direspon|blm direspon|kapan)/;
/** The question first: "sdh sampai mana laporan kami ttg judi?". */
/**
 * "sy sdh lapor soal banjir 2 hari lalu tp blm ada yg datang, gmn ini?": a reporter who already reported asks why
 * nothing happened (unless the report went to someone else: "sdh lapor ke polsek").
 */
const STATUS_COMPLAINT_RE =
  /\b(?:saya|sy|kami|kmi|aku)\s+(?:sdh|sudah|udah|udh|telah)\s+(?:lapor|melapor|mengadu|laporkan|melaporkan)\b[^?!\n]{0,80}\b(?:blm|belum|tdk|tidak|gak|ga)\s+(?:ada|ditanggapi|direspon|ditindaklanjuti|datang|dtg)\b[^!\n]{0,40}\?/;
const REPORTED_ELSEWHERE_RE =
  /\b(?:lapor|melapor|laporkan|melaporkan|mengadu) ke (?:polisi|polsek|polres|pos|babinsa|rt|rw|lurah|kelurahan|damkar|bpbd)\b/;
/** "mau cek laporan sy yg kemarin", "ingin menanyakan tindak lanjut laporan saya": the earlier report asked after. */
const STATUS_CHECK_RE =
  /\b(?:cek|check|mengecek|ngecek|menanyakan|tanyakan|nanyakan)\s+(?:status\s+|tindak ?lanjut\s+|perkembangan\s+|kelanjutan\s+)?(?:laporan|aduan|pengaduan)(?:nya)?\s+(?:saya|sy|kami|kmi|aku)\b/;
const STATUS_ASKED_FIRST_RE =
  /\b(?:sampai mana|smpe mana|sampe mana|sejauh mana|bagaimana|gimana|gmn|kapan) (?:ya )?(?:laporan|aduan|pengaduan) (?:saya|sy|kami|kmi|aku)\b/;
const NOISE_WORDS = new Set(
  (
    'tes test testing tst coba cb ping p halo hallo hello helo hai hi hay hei hey assalamualaikum assalamu alaikum ' +
    'asalamualaikum salam waalaikumsalam wassalam wr wb selamat pagi siang sore malam slmt met pak bapak bu ibu min ' +
    'admin kak mas bang dik om terima kasih makasih makasi trims tks thanks thank you thx tq ok oke okay okey siap ' +
    'baik sip mantap sama sama sama2 sm2 iya ya y yaa nggih ok2 noted mohon maaf maaf ganggu permisi sehat semua ' +
    'atas tindak lanjutnya tindaklanjutnya responnya bantuannya informasinya infonya kemarin kmrn tadi nya dan juga ' +
    'banyak byk bnyk sekali sy saya kami kita di ini itu nomor no kesbang kesbangpol lapor laporan dear yth salam ' +
    'kenal masih aktif aktif apakah apa benar ini dengan kantor dgn dari ' +
    'trimakasih terimakasih trima trmksh mksh semoga selalu sukses lancar berkah amin aamiin sdh sudah dibantu ' +
    'good morning afternoon evening night sorry hallo2 halo2 tes2 test2 cek cek2 check mic'
  ).split(' '),
);
/** Operator promotions and balance notices, in lowercased text (so no `i` flag: a smaller, faster matcher). */
export const PROMO_RE =
  /\b(?:bonus kuota|kuota|pulsa|paket data|paket internet|promo|diskon|cashback|hadiah|undian|poin|aktifkan|registrasi|\*\d{2,4}(?:\*\d+)*#|info lengkap|berlaku hingga|berlaku s\.?d|hubungi \d{3}|tarif|rp\.?\s?\d|gratis|langganan|unreg|sisa saldo|saldo anda|masa aktif|masa berlaku|tagihan|jatuh tempo|kode otp|kode verifikasi|otp|jangan berikan kode|transaksi anda|selamat! anda|anda mendapatkan|anda terpilih|klik link|bit\.ly|s\.id\/|pinjaman dana|pinjaman tunai|dana tunai|pinjol|tanpa jaminan|bunga rendah|bunga ringan)\b/;
/** Words that tell an event rather than ask about reporting one. */
const TELLS_EVENT_RE =
  /\b(?:ada|terjadi|sedang|sdg|lagi|skrg|sekarang|barusan|tadi|td|kemarin|kmrn|semalam|mlm ini|malam ini|td mlm)\b/;
/** "klo ada demo, ..." supposes an event; it does not tell one. */
const SUPPOSED_EVENT_RE = /\b(?:kalau|klo|kalo|klu|jika|jikalau|apabila|bila|seandainya|misalnya)\s+(?:ada|terjadi)\b/g;
/** A how-to question is short; a longer message with a category word tells something. */
const MAX_HOW_TO_WORDS = 12;
/** Unless it says it is a question: "Saya ingin bertanya bagaimana prosedur melaporkan ...". */
const SAYS_IT_ASKS_RE =
  /\b(?:ingin|mau|mo|pengen|izin|ijin|numpang|boleh)\s+(?:tanya|nanya|bertanya|menanyakan)\b|^\W*(?:tanya|nanya)\b|\b(?:mohon|minta)\s+informasi\b|\bpermohonan\s+(?:data|informasi)\b/;
/** A letter that says it asks may be long: greeting, who writes, what for, thanks. */
const MAX_ASKED_WORDS = 70;
/** "sedang menyusun skripsi": who the writer is, not an event happening. */
const WRITER_BUSY_RE =
  /\b(?:sedang|sdg)\s+(?:menyusun|meneliti|melakukan penelitian|kuliah|belajar|mengerjakan|menulis)\b/g;
/** "[Terima kasih] Terima kasih atas tanggapan cepatnya …": thanks first, whatever it recalls. */
const THANKS_FIRST_RE = /^\W*(?:terima ?kasih|trima ?kasih|trimakasih|makasih|makasi|mksh|trims|tks|thanks|thx)\b/;
const MAX_THANKS_WORDS = 30;
/** "terima kasih, tapi jalan msh rusak": thanks followed by what is still wrong is a report. */
const STILL_WRONG_RE = /\b(?:tapi|tp|tetapi|namun|belum|blm|masih|msh|lagi)\b/;
/** Greeting cards forwarded to every contact: "*Selamat Hari Guru Nasional* … (diteruskan)". */
const GREETING_CARD_RE =
  /^\W*(?:selamat|slmt|met)\s+(?:hari\s+(?:raya|guru|ibu|ayah|pahlawan|kemerdekaan|sumpah|pendidikan|kesehatan|anak|natal|jadi)|tahun baru|idul|natal|ulang tahun|hut|milad|menunaikan|merayakan|memperingati)\b/;
/**
 * Messages meant for family or friends that reached the office: "ma sy pulang telat, tolong jemput adik",
 * "jadi ji nanti mlm ke pantai ces?". Only with no place and no more than one weak category word; a word that can
 * also be the subject ("mama sy pingsan") is a vocative only before a comma.
 */
const PERSONAL_ADDRESS_RE =
  /^\W*(?:ma|mah|yah|bun|beb)(?=[\s,.!])|^\W*(?:mak|mama|mamah|ayah|bunda|dek|nak|sayang)\s*,|\b(?:ces|cess|bro|sis|cuy|coy|beb|bebeb|sayang|bunda)\W{0,5}(?:\?|$)/;
const THANKS_RE = /\b(?:terima ?kasih|trima ?kasih|trimakasih|makasih|makasi|trims|tks|thanks|thx|mksh)\b/;
const WORD_SPLIT_RE = /[^\p{L}\p{N}*#]+/u;

/** The text without events only supposed ("klo ada demo") or the writer's own occupation ("sedang menyusun"). */
function withoutSupposedEvents(lower: string): string {
  const supposed = lower.replace(SUPPOSED_EVENT_RE, ' ');
  return supposed.includes('sedang') || supposed.includes('sdg') ? supposed.replace(WRITER_BUSY_RE, ' ') : supposed;
}

/** What `classifyKind` needs besides the text. */
export interface KindSignals {
  /** Reference codes quoted in the text. */
  referenceCodes: string[];
  /** Total keyword score of the best category (0 = no incident word). */
  categoryScore: number;
  /** The best category had a strong keyword. */
  strongCategory: boolean;
  /** A kelurahan/kecamatan was named. */
  placeNamed: boolean;
  /** The sender is alphanumeric (operator, bank): not a person. */
  alphanumericSender: boolean;
}

/** report / status_query / question / noise, for a message already known not to be an auto reply. */
export function classifyKind(text: string, s: KindSignals): MessageKind {
  const lower = text.toLowerCase();
  // Most reports never reach a rule that counts words: split only when one does.
  let split: string[] | undefined;
  const words = () => {
    split ??= lower.split(WORD_SPLIT_RE).filter(Boolean);
    return split;
  };
  // Quoting a code and asking about it is a status query, even when the earlier report is recalled in passing.
  if (s.referenceCodes.length > 0) {
    const withoutCodes = lower.replace(/hk[\s-]?[0-9a-z]{6}/g, ' ');
    const rest = withoutCodes.split(WORD_SPLIT_RE).filter(Boolean);
    if (rest.length <= 3 || STATUS_WORDS_RE.test(withoutCodes) || /\?/.test(withoutCodes)) {
      // A new incident told at length with a code for the thread is still a report.
      // "kami sampaikan perkembangan bahwa ... kembali terjadi malam ini" tells; only asking words ask.
      const newIncident =
        s.strongCategory &&
        s.categoryScore >= 8 &&
        rest.length > 25 &&
        !withoutCodes.includes('?') &&
        !STATUS_ASKED_RE.test(withoutCodes);
      if (!newIncident) return 'status_query';
    }
  } else if (asksBareStatus(lower)) {
    return 'status_query';
  } else if (
    (STATUS_NO_CODE_RE.test(lower) ||
      STATUS_ASKED_FIRST_RE.test(lower) ||
      (lower.includes('?') && STATUS_COMPLAINT_RE.test(lower) && !REPORTED_ELSEWHERE_RE.test(lower))) &&
    !(s.strongCategory && s.categoryScore >= 8) &&
    // "makasih, laporan sy sdh ditindaklanjuti" thanks; it does not ask.
    !(THANKS_RE.test(lower) && !lower.includes('?'))
  ) {
    return 'status_query';
  } else if (
    !(s.strongCategory && s.categoryScore >= 8) &&
    (lower.includes('lapor') || lower.includes('aduan')) &&
    STATUS_CHECK_RE.test(lower)
  ) {
    // "Saya ingin menanyakan tindak lanjut laporan saya …. Terima kasih": asked in so many words, thanks or not.
    return 'status_query';
  } else if (lower.includes('?') && STATUS_ASKED_FIRST_RE.test(lower)) {
    // "gimana laporan kami soal judi sabung ayam kmrn?": asked first and with a question mark, it asks, however
    // many words of the earlier report it repeats.
    return 'status_query';
  }
  if ((s.alphanumericSender || !s.strongCategory) && PROMO_RE.test(lower)) return 'noise';
  if (s.alphanumericSender && !s.strongCategory) return 'noise';
  // "mau tanya cara buat laporan": a question to the office, answered with a help text; a report told with it wins.
  // "gimana cara lapor tawuran?" names an event only as what one would report: no place, no time, no "ada".
  const reportTold = s.strongCategory && s.categoryScore >= 2.5;
  if (
    reportTold
      ? !s.placeNamed &&
        (words().length <= MAX_HOW_TO_WORDS ||
          (words().length <= MAX_ASKED_WORDS && (SAYS_IT_ASKS_RE.test(lower) || asksAboutService(lower)))) &&
        !TELLS_EVENT_RE.test(withoutSupposedEvents(lower)) &&
        (questionTopic(lower) === 'how_to_report' || asksOfficeProcedure(lower) || asksAboutService(lower))
      : questionTopic(lower) !== null &&
        // "warga segel kantor lurah Battang ..., skrg kantor tutup" tells; it does not ask when the office is open.
        !(s.placeNamed && s.categoryScore > 0 && !lower.includes('?')) &&
        // "di lorong kami ada keributan, lapor kemana ya?" tells what it would report.
        !(s.categoryScore > 0 && asksAboutService(lower) && TELLS_EVENT_RE.test(withoutSupposedEvents(lower)))
  )
    return 'question';
  if (!s.strongCategory && s.categoryScore < 2.5 && !lower.includes('?')) {
    if (THANKS_FIRST_RE.test(lower) && words().length <= MAX_THANKS_WORDS && !STILL_WRONG_RE.test(lower))
      return 'noise';
    if (GREETING_CARD_RE.test(lower)) return 'noise';
  }
  if (!s.strongCategory && s.categoryScore < 2.5 && !s.placeNamed && PERSONAL_ADDRESS_RE.test(lower)) return 'noise';
  if (s.categoryScore === 0 || (!s.strongCategory && s.categoryScore < 2.5)) {
    // "tes dari Kel. Ponjalae": a test message that happens to name a place is still a test.
    if (s.categoryScore === 0 && /^\s*(?:tes|test|testing|coba|cek|ping)\b/.test(lower) && words().length <= 8)
      return 'noise';
    const content = words().filter((w) => !NOISE_WORDS.has(w) && !/^\d+$/.test(w) && w.length > 1);
    if (content.length === 0) return 'noise';
    if (!s.placeNamed && s.categoryScore === 0 && content.length <= 2) return 'noise';
    if (!s.placeNamed && /\b(?:terima ?kasih|makasih|thanks|trims|tks)\b/.test(lower) && content.length <= 6)
      return 'noise';
  }
  return 'report';
}

/**
 * Words that tell what a message does in a conversation, rather than what it reports: a question to the office
 * (how to report, office hours, what Halo Kesbang is), "STATUS" without a code, and "this is another report"
 * ("laporan baru", "ada lagi", "kejadian lain"). Every pattern is bounded: linear on any text.
 */
import type { QuestionTopic } from '../core/normalized-message';

const HOW_TO_REPORT_RE =
  /\b(?:cara|caranya|gimana|bagaimana|gmn|bgmn|prosedur|syarat|langkah)\b[^.?!\n]{0,40}\b(?:lapor|laporan|melapor|melaporkan|mengadu|pengaduan|aduan|buat laporan|bikin laporan)\b|\b(?:mau|ingin|mo|pengen|bisa|boleh)\s+(?:tanya|nanya|bertanya)\b[^.?!\n]{0,40}\b(?:lapor|laporan|melapor|aduan|pengaduan)\b|\b(?:bisa|boleh)\s+(?:lapor|melapor|buat laporan)\s+(?:lewat|via|dgn|dengan|di)\s+(?:sini|wa|whatsapp|sms|nomor ini|no ini|telpon|telepon|telp|tlp|email|e-mail|surat)\b|\b(?:lapor|melapor|melaporkan|mengadukan)\b[^.?!\n]{0,30}\b(?:caranya|prosedurnya|syaratnya)\b/;
const OFFICE_HOURS_RE =
  /\b(?:jam (?:berapa|brp|kerja|kantor|pelayanan|layanan|operasional|buka)|kantor(?:nya)? (?:buka|tutup)|buka (?:jam|hari|sampai|sampe|gak|tidak|nggak)|hari (?:sabtu|minggu|libur) (?:buka|masuk)|alamat kantor(?:nya)?|lokasi kantor(?:nya)?|nomor (?:telepon|telp|hp|wa) kantor|pelayanan (?:buka|tutup)|apakah (?:kantor )?buka)\b/;
/**
 * What one arranges at the office (a letter, a permit, registering an ormas, joining the FKDM): "ngurus surat nya
 * dimana?", "klo mau daftar ormas syaratnya apa saja?". Answered with the office's hours and place.
 */
const OFFICE_PROCEDURE_RE =
  /\b(?:jadi|menjadi|gabung|bergabung|masuk)\s+(?:anggota\s+)?(?:fkdm|kominda|forum kewaspadaan)\b[^.?!\n]{0,40}(?:\b(?:dimana|di mana|dmn|kemana|ke mana|gimana|bagaimana|gmn|caranya|syarat\w*|prosedur\w*)\b|\?)|\b(?:urus|ngurus|mengurus|bikin|membuat|buat|minta|daftar|daftarkan|mendaftar|mendaftarkan)\s+(?:surat|izin|ijin|rekomendasi|skt|ormas|organisasi|pengamanan)\b[^.?!\n]{0,40}(?:\b(?:dimana|di mana|dmn|kemana|ke mana|gimana|bagaimana|gmn|caranya|syarat\w*|prosedur\w*)\b|\?)/;
/**
 * The procedure or the requirements of what one arranges at the office ("prosedur permohonan data", "persyaratan
 * dan alur pendaftaran"), and joining the FKDM ("FKDM ada rekrutmen anggota baru kah?"). Looked for only when one
 * of their first words is in the text.
 */
const OFFICE_PAPERS_RE =
  /\b(?:prosedur|persyaratan|syarat|alur|tata cara|mekanisme|format|contoh)\s+(?:[a-z]+\s+){0,2}(?:surat|izin|ijin|pemberitahuan|pendaftaran|permohonan|rekomendasi|skt|penelitian|data)\b/;
const PAPERS_FIRST_WORDS = ['prosedur', 'syarat', 'alur', 'tata cara', 'mekanisme', 'format', 'contoh'];
const JOIN_FORUM_RE =
  /\b(?:fkdm|kominda|forum kewaspadaan)\b[^.!?\n]{0,40}\b(?:rekrutmen|pendaftaran|penerimaan|perekrutan|daftar|gabung|ikut)\b[^.!\n]{0,30}\?/;
/** Who heads the office: "Kepala kesbang skrg siapa namanya?". Looked for only when the office is named. */
const HEAD_OF_OFFICE_RE =
  /\b(?:kepala|kaban|pimpinan|sekretaris|sekban)\s+(?:badan\s+)?(?:kesbang\w*|kantor)\b[^.!\n]{0,30}\bsiapa\b|\bsiapa\b[^.!\n]{0,20}\b(?:kepala|kaban|pimpinan)\s+(?:badan\s+)?kesbang\w*\b/;

function asksOfficePapers(lower: string): boolean {
  return (
    (PAPERS_FIRST_WORDS.some((w) => lower.includes(w)) && OFFICE_PAPERS_RE.test(lower)) ||
    (lower.includes('?') && JOIN_FORUM_RE.test(lower))
  );
}

/** Questions about the office itself: where, which number, when open. */
const OFFICE_INFO_RE =
  /\b(?:nomor|no|alamat|lokasi|kontak)\b[^.?!\n]{0,30}\bkantor\b|\b(?:dimana|di mana|dmn)\s+(?:alamat\s+)?kantor\b|\bkantor\b[^.?!\n]{0,40}\b(?:alamat\w*|dimana|di mana|dmn|buka|tutup|libur)\b/;
const ABOUT_RE =
  /\b(?:ini layanan apa|layanan apa ini|ini nomor apa|nomor apa ini|ini nomor siapa|ini siapa)\b|\bapa itu halo ?kesbang\b|\bhalo ?kesbang\b[^.\n]{0,30}\b(?:itu apa|apa|untuk apa|buat apa|fungsinya)\b/;

/**
 * Questions asked with a question mark, looked for only in a text that has one: "kalau mau lapor …, harus bawa
 * ktp?", "nomor ini bisa dipake lapor …?", "untuk laporan via email alamatnya apa?", "apakah identitas pelapor
 * dirahasiakan?", "ini nomor resmi kesbangpol?", "apakah laporan lewat sms ini dibaca petugas?".
 */
const HOW_TO_ASKED_RE =
  /\b(?:kalau|klo|kalo|jika|bila|apabila)\s+(?:mau|ingin|mo|pengen)\s+(?:lapor|melapor|melaporkan|buat laporan|bikin laporan)\b[^.!?\n]{0,60}\?|\b(?:nomor|no|nmr) ini\s+(?:bisa|boleh)\s+(?:dipake|dipakai|digunakan|untuk|utk|buat)\s+(?:lapor|melapor|laporan|mengadu)\b/;
const OFFICE_ASKED_RE =
  /\b(?:alamat|nomor|no|kontak)(?:nya)?\s+(?:email|e-mail|surel|wa|whatsapp|hp|telp|telepon|petugas|piket|admin)\b[^.!\n]{0,40}\?|\b(?:email|e-mail|surel|wa|whatsapp)\s+(?:alamat|nomor)nya\b[^.!\n]{0,20}\?/;
const ABOUT_ASKED_RE =
  /\b(?:laporan|pelapor|identitas|nama)\b[^.!?\n]{0,30}\b(?:dirahasiakan|dirahasiain|rahasia|kerahasiaan\w*)\b[^.!\n]{0,30}\?|\b(?:ini|apa ini|apakah ini|benar ini|betul ini)\s+(?:nomor|no|nmr)\s+(?:resmi|asli|kesbang\w*|halo ?kesbang)\b|\b(?:laporan|pesan|sms|chat)\s+(?:lewat|via|di|ke)\s+(?:sms|wa|whatsapp|nomor|no|sini|email)\b[^.?!\n]{0,30}\b(?:dibaca|dibalas|ditanggapi|direspon|diterima)\b/;

/**
 * Questions about the service itself, asked with a question mark: whether it can be used for a matter ("apakah halo
 * kesbang bisa dipakai utk lapor banjir?"), where to report ("sy hrs lapor kemana?", "lapornya ke nomor ini atau
 * lgsg ke polisi?"), the format of a report ("format sms lapor yg benar gmn?", "format laporan situasi itu
 * bgmn?"), what it costs ("ada biaya kah kalau kirim sms laporan?"), whether the reporter is safe ("identitas
 * pelapor aman ji kah?"). Such a question names an event only as an example; it tells none.
 */
const SERVICE_ASKED_RE =
  /\b(?:nomor ini|no ini|nmr ini|halo ?kesbang|layanan ini|aplikasi ini|sini)\s+(?:bisa|boleh|dapat)\s+(?:dipake|dipakai|digunakan|untuk|utk|buat)\b[^.!?\n]{0,40}\b(?:lapor|melapor|laporan|mengadu)\b|\b(?:lapor|melapor|lapornya|melaporkan|laporkan|mengadu)\s+(?:ke ?mana|kmn|dimana|di mana|ke siapa|kesiapa|ke nomor ini|ke sini|ke no ini)\b|\bformat\b[^.?!\n]{0,30}\b(?:lapor|laporan|sms|pesan)\b/;
/** What the service costs and whether the reporter stays unnamed: questions about it. */
const SERVICE_ABOUT_RE =
  /\b(?:biaya|bayar|berbayar|dipungut|potong pulsa)\b[^.!?\n]{0,40}\b(?:lapor|laporan|sms|nomor ini|layanan)\b|\b(?:lapor|laporan|sms|layanan)\b[^.!?\n]{0,40}\b(?:biaya(?:nya)?|bayar|berbayar|dipungut)\b|\b(?:identitas|nama|data)\s+(?:pelapor|saya|sy|kami)\s+(?:aman|dijamin|terjamin|dirahasiakan|rahasia|disebut|dibuka)\b/;

/** A question about the service itself (with a question mark), whatever event it names as an example. */
export function asksAboutService(lower: string): boolean {
  return lower.includes('?') && (SERVICE_ASKED_RE.test(lower) || SERVICE_ABOUT_RE.test(lower));
}

/** What a question to the office asks about, or null when the text asks none of these. */
export function questionTopic(lower: string): QuestionTopic | null {
  const asked = lower.includes('?');
  if (HOW_TO_REPORT_RE.test(lower) || (asked && (HOW_TO_ASKED_RE.test(lower) || SERVICE_ASKED_RE.test(lower))))
    return 'how_to_report';
  if (
    OFFICE_HOURS_RE.test(lower) ||
    OFFICE_INFO_RE.test(lower) ||
    OFFICE_PROCEDURE_RE.test(lower) ||
    asksOfficePapers(lower) ||
    (asked && OFFICE_ASKED_RE.test(lower))
  )
    return 'office_hours';
  if (
    ABOUT_RE.test(lower) ||
    (lower.includes('kesbang') && HEAD_OF_OFFICE_RE.test(lower)) ||
    (asked && (ABOUT_ASKED_RE.test(lower) || SERVICE_ABOUT_RE.test(lower)))
  )
    return 'about';
  return null;
}

/** Asks how to arrange something at the office: a question even when it names an event ("klo ada demo ..."). */
export function asksOfficeProcedure(lower: string): boolean {
  return OFFICE_PROCEDURE_RE.test(lower) || asksOfficePapers(lower);
}

/** "STATUS", "cek status", "status laporan saya?": the status of this number's reports, no code named. */
const BARE_STATUS_RE =
  /^\s*(?:cek\s+|check\s+|info\s+)?status(?:nya)?(?:\s+(?:laporan|aduan|pengaduan))?(?:\s+(?:saya|sy|kami|aku|sya))?\s*[.?!]{0,5}\s*$/;

export function asksBareStatus(lower: string): boolean {
  return lower.length <= 60 && BARE_STATUS_RE.test(lower);
}

/** The reporter says this is another report, not more about the last one. */
const NEW_REPORT_RE =
  /\b(?:laporan baru|lapor(?:an)? lagi|ada lagi|kejadian lain|kasus lain|masalah lain|lain lagi|peristiwa lain|info lain|satu lagi|tempat lain)\b/;

export function saysNewReport(lower: string): boolean {
  return NEW_REPORT_RE.test(lower);
}

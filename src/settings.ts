/**
 * Settings an admin tunes while the service runs: ONE entry per setting below, with its schema (what values are
 * allowed), default, label and one-line help in Bahasa Indonesia and how the form shows it. The `Settings` type, the
 * defaults, the server's validation (`PUT /api/settings`) and the form (/admin/settings) all come from these
 * entries: adding a setting is adding an entry. The settings table overrides the defaults; a stored value that no
 * longer passes its schema is ignored (the default applies), so no value can stop messages from being stored.
 * Texts are in Bahasa Indonesia: reporters read them.
 */
import { z } from 'zod';
import { CATEGORIES } from './core/normalized-message';
import type { DbOrTrx } from './db/connection';
import { readSettings } from './db/repos/settings';
import {
  byteSize,
  deadlineTargets,
  emailList,
  holidayEntry,
  MB,
  OUTBOUND_PURPOSE_LABELS,
  officeHours,
  type SettingDefinition,
  setting,
  template,
  weekdays,
  whatsappTemplates,
  wholeNumber,
} from './settings-fields';

export const SETTING_DEFINITIONS = {
  ackTemplate: setting({
    group: 'replies',
    label: 'Tanda terima laporan baru',
    help: 'SMS/WhatsApp/email yang diterima pelapor setelah laporannya tersimpan. Wajib memuat {reference} (kode laporan).',
    input: { kind: 'template', placeholders: ['reference'] },
    schema: template(['reference'], ['reference']),
    // One SMS (160 GSM-7 characters) with a code filled in: test/outbound/reporter-texts.test.ts counts the parts.
    default:
      'Terima kasih, laporan Anda diterima dengan kode {reference}. Kirim "STATUS {reference}" untuk menanyakan perkembangannya. - Kesbangpol Kota Palopo',
  }),
  statusTemplate: setting({
    group: 'replies',
    label: 'Jawaban pertanyaan status',
    help: 'Jawaban untuk "STATUS HK-…" dari pelapor sendiri. {reference} kode, {status} keadaan laporan, {update} pembaruan terakhir.',
    input: { kind: 'template', placeholders: ['reference', 'status', 'update'] },
    schema: template(['reference', 'status', 'update'], ['reference', 'status']),
    default: 'Laporan {reference}: {status}.{update} - Kesbangpol Kota Palopo',
  }),
  statusNotFoundText: setting({
    group: 'replies',
    label: 'Jawaban bila kode tidak ditemukan',
    help: 'Jawaban yang sama untuk kode yang tidak ada dan kode milik orang lain, agar tidak bisa ditebak-tebak.',
    input: { kind: 'template', placeholders: [] },
    schema: template([], [], 320),
    default: 'Maaf, kode tidak ditemukan untuk nomor ini. - Kesbangpol Kota Palopo',
  }),
  statusListTemplate: setting({
    group: 'replies',
    label: 'Jawaban "STATUS" tanpa kode',
    help: 'Jawaban untuk "STATUS" tanpa kode: {list} diisi sampai tiga laporan terbuka nomor itu, yang terbaru dulu.',
    input: { kind: 'template', placeholders: ['list'] },
    schema: template(['list'], ['list']),
    default: 'Laporan Anda: {list}. - Kesbangpol Kota Palopo',
  }),
  statusNoneText: setting({
    group: 'replies',
    label: 'Jawaban "STATUS" bila tidak ada laporan terbuka',
    help: 'Jawaban untuk "STATUS" tanpa kode dari nomor yang tidak punya laporan terbuka.',
    input: { kind: 'template', placeholders: [] },
    schema: template([], [], 320),
    default:
      'Tidak ada laporan terbuka dari nomor ini. Untuk melapor, tulis apa yang terjadi, di mana dan kapan. - Kesbangpol Kota Palopo',
  }),
  helpHowToReportText: setting({
    group: 'replies',
    label: 'Jawaban "bagaimana cara melapor"',
    help: 'Dikirim kepada orang yang bertanya cara membuat laporan (bukan tanda terima laporan).',
    input: { kind: 'template', placeholders: [] },
    schema: template([], [], 640),
    default:
      'Cara melapor: tulis apa yang terjadi, di mana (kelurahan, RT/RW, jalan) dan kapan, lalu kirim ke nomor ini. Darurat: telepon 112. - Kesbangpol Kota Palopo',
  }),
  helpOfficeHoursText: setting({
    group: 'replies',
    label: 'Jawaban "jam buka kantor"',
    help: 'Dikirim kepada orang yang bertanya jam buka kantor.',
    input: { kind: 'template', placeholders: [] },
    schema: template([], [], 640),
    default:
      'Kantor Kesbangpol Kota Palopo buka Senin-Jumat 08.00-16.00 WITA. Laporan lewat nomor ini diterima 24 jam. - Kesbangpol Kota Palopo',
  }),
  helpAboutText: setting({
    group: 'replies',
    label: 'Jawaban "apa itu Halo Kesbang"',
    help: 'Dikirim kepada orang yang bertanya layanan apa ini.',
    input: { kind: 'template', placeholders: [] },
    schema: template([], [], 640),
    default:
      'Halo Kesbang: layanan laporan warga Kesbangpol Kota Palopo untuk deteksi dini gangguan ketertiban. Kirim laporan ke nomor ini. - Kesbangpol Kota Palopo',
  }),
  questionRepliesPerHour: setting({
    group: 'replies',
    label: 'Batas jawaban pertanyaan per nomor',
    help: 'Jawaban atas pertanyaan status atau pertanyaan lain per alamat per jam; batas tersendiri, tidak terpakai oleh tanda terima.',
    input: { kind: 'number', unit: 'pesan per jam' },
    schema: wholeNumber(0, 100, 'pesan per jam'),
    default: 6,
  }),
  autoRepliesPerHour: setting({
    group: 'replies',
    label: 'Batas balasan otomatis per nomor',
    help: 'Paling banyak sekian balasan otomatis per alamat per jam, penahan putaran balasan dan biaya. 0 = tidak pernah.',
    input: { kind: 'number', unit: 'pesan per jam' },
    schema: wholeNumber(0, 100, 'pesan per jam'),
    default: 3,
  }),
  ackMaxAgeHours: setting({
    group: 'replies',
    label: 'Tanda terima hanya untuk pesan sebaru',
    help: 'Pesan yang lebih lama dari ini (email lama, impor) disimpan tanpa dikirimi tanda terima.',
    input: { kind: 'number', unit: 'jam' },
    schema: wholeNumber(0, 720, 'jam'),
    default: 24,
  }),
  whatsappTemplates: setting({
    group: 'replies',
    label: 'Template WhatsApp yang disetujui',
    help: 'Di luar jendela 24 jam WhatsApp hanya template yang disetujui yang boleh dikirim: ContentSid (HX…) per jenis pesan.',
    input: { kind: 'whatsapp-templates', purposes: OUTBOUND_PURPOSE_LABELS },
    schema: whatsappTemplates,
    default: {},
  }),
  duplicateWindowHours: setting({
    group: 'intake',
    label: 'Jendela kemungkinan duplikat',
    help: 'Laporan baru dengan kategori dan kelurahan sama dalam sekian jam ditandai "mungkin kejadian yang sama". 0 = mati.',
    input: { kind: 'number', unit: 'jam' },
    schema: wholeNumber(0, 720, 'jam'),
    default: 6,
  }),
  locationFollowUpMinutes: setting({
    group: 'intake',
    label: 'Lokasi WhatsApp menyusul',
    help: 'Lokasi yang dikirim tersendiri digabung ke laporan terbuka pengirim yang sama dalam sekian menit.',
    input: { kind: 'number', unit: 'menit' },
    schema: wholeNumber(0, 1440, 'menit'),
    default: 60,
  }),
  threadWindowHours: setting({
    group: 'intake',
    label: 'Jendela pesan lanjutan',
    help: 'Pesan tanpa kode dari pelapor yang punya laporan terbuka sejak sekian jam masuk ke percakapan laporan itu. 0 = mati.',
    input: { kind: 'number', unit: 'jam' },
    schema: wholeNumber(0, 168, 'jam'),
    default: 12,
  }),
  appCodeTemplate: setting({
    group: 'intake',
    label: 'SMS kode masuk aplikasi RT',
    help: 'SMS berisi kode 6 angka untuk masuk ke aplikasi pelapor terdaftar. Wajib memuat {code}.',
    input: { kind: 'template', placeholders: ['code'] },
    schema: template(['code'], ['code'], 320),
    default: 'Kode masuk Halo Kesbang: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',
  }),
  appReplySmsMinutes: setting({
    group: 'intake',
    label: 'Balasan aplikasi juga lewat SMS setelah',
    help: 'Balasan petugas yang belum dibuka pelapor di aplikasi dalam sekian menit juga dikirim lewat SMS.',
    input: { kind: 'number', unit: 'menit' },
    schema: wholeNumber(0, 10_080, 'menit'),
    default: 30,
  }),
  appPhotoMaxBytes: setting({
    group: 'intake',
    label: 'Ukuran satu foto dari aplikasi',
    help: 'Foto laporan aplikasi (sudah dikecilkan di HP) yang lebih besar ditolak. Perubahan berlaku setelah layanan dimulai ulang.',
    input: { kind: 'number', unit: 'MB', scale: MB, step: 0.1 },
    // Never zero: every photo would be refused, and with it every report that carries one.
    schema: z
      .number({ message: 'harus berupa angka' })
      .int('harus bilangan bulat (byte)')
      .min(1000, 'paling kecil 1000 byte')
      .max(20 * MB, 'paling besar 20 MB'),
    default: 1024 * 1024,
  }),
  open311PublicTextCategories: setting({
    group: 'intake',
    label: 'Ringkasan laporan yang terbuka di Open311',
    help: 'Kategori yang ringkasannya (nomor dan email disamarkan) tampil di Open311 publik. Kosong = hanya status, kategori, kelurahan dan tanggal.',
    input: { kind: 'categories' },
    schema: z.array(z.enum(CATEGORIES, { message: 'kategori tidak dikenal' })).max(20),
    default: [],
  }),
  mediaMaxBytes: setting({
    group: 'intake',
    label: 'Ukuran foto/berkas WhatsApp',
    help: 'Berkas dari WhatsApp yang lebih besar dicatat nama dan ukurannya saja, tanpa isinya.',
    input: { kind: 'number', unit: 'MB', scale: MB, step: 0.1 },
    schema: byteSize(50),
    default: 10 * MB,
  }),
  alertHighPriority: setting({
    group: 'followUp',
    label: 'Prioritas tinggi juga memberi peringatan',
    help: 'Selain laporan mendesak, laporan prioritas tinggi juga dikirim ke petugas siaga.',
    input: { kind: 'switch' },
    schema: z.boolean({ message: 'harus ya atau tidak' }),
    default: false,
  }),
  escalationMinutes: setting({
    group: 'followUp',
    label: 'Eskalasi bila tidak dijawab',
    help: 'Bila petugas siaga tidak membalas "OK HK-…" dalam sekian menit, petugas berikutnya di daftar diberi peringatan.',
    input: { kind: 'number', unit: 'menit', step: 0.5 },
    schema: z
      .number({ message: 'harus berupa angka' })
      .min(0.05, 'paling sedikit 0,05 menit (3 detik)')
      .max(1440, 'paling lama 1440 menit'),
    default: 10,
  }),
  smsTransport: setting({
    group: 'followUp',
    label: 'Jalur SMS ke petugas dan pemangku kepentingan',
    help: 'SMS keluar lewat HP Android kantor (SMSSync) atau lewat Twilio.',
    input: {
      kind: 'choice',
      options: [
        ['smssync', 'HP Android kantor (SMSSync)'],
        ['twilio', 'Twilio'],
      ],
    },
    schema: z.enum(['smssync', 'twilio'], { message: 'pilih SMSSync atau Twilio' }),
    default: 'smssync',
  }),
  dailySummaryHour: setting({
    group: 'followUp',
    label: 'Jam ringkasan harian',
    help: 'Jam (waktu kantor) ringkasan harian dikirim, 0–23.',
    input: { kind: 'number', unit: 'pukul' },
    schema: wholeNumber(0, 23, ''),
    default: 7,
  }),
  dailySummaryRecipients: setting({
    group: 'followUp',
    label: 'Penerima ringkasan harian',
    help: 'Alamat email yang menerima ringkasan harian. Kosong = tidak dikirim.',
    input: { kind: 'list', item: 'email', placeholder: 'kepala@kesbangpol.palopokota.go.id' },
    schema: emailList,
    default: [],
  }),
  deadlineTargets: setting({
    group: 'deadlines',
    label: 'Target waktu per prioritas',
    help: 'Batas waktu verifikasi, jawaban pertama ke pelapor dan penyelesaian, dalam menit, jam kerja atau hari kerja.',
    input: { kind: 'deadlines' },
    schema: deadlineTargets,
    default: {
      urgent: { verify: { minutes: 15 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
      high: { verify: { minutes: 60 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
      normal: { verify: { workingDays: 1 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
      low: { verify: { workingDays: 2 }, answer: { workingDays: 2 }, resolve: { workingDays: 10 } },
    },
  }),
  workingDays: setting({
    group: 'deadlines',
    label: 'Hari kerja',
    help: 'Hari yang dihitung sebagai hari kerja untuk tenggat.',
    input: { kind: 'weekdays' },
    schema: weekdays,
    default: [1, 2, 3, 4, 5],
  }),
  workingHours: setting({
    group: 'deadlines',
    label: 'Jam kantor',
    help: 'Jam kerja (waktu kantor) yang dihitung untuk target jam kerja; jam selesai harus setelah jam mulai.',
    input: { kind: 'hours' },
    schema: officeHours,
    default: { from: '08:00', to: '16:00' },
  }),
  holidays: setting({
    group: 'deadlines',
    label: 'Cuti bersama dan libur daerah',
    help: 'Libur nasional (termasuk Idul Fitri, Nyepi, Waisak, Imlek) dihitung otomatis; tambahkan di sini cuti bersama dan libur daerah.',
    input: { kind: 'holidays' },
    schema: z.array(holidayEntry).max(200, 'paling banyak 200 tanggal'),
    default: [],
  }),
  emailBackfillDays: setting({
    group: 'email',
    label: 'Email lama yang diambil saat pertama',
    help: 'Saat kotak surat pertama kali dibaca, email sekian hari terakhir ikut diambil.',
    input: { kind: 'number', unit: 'hari' },
    schema: wholeNumber(0, 365, 'hari'),
    default: 7,
  }),
  emailAttachmentMaxBytes: setting({
    group: 'email',
    label: 'Ukuran satu lampiran email',
    help: 'Lampiran yang lebih besar dicatat nama, jenis dan ukurannya saja, tanpa isinya.',
    input: { kind: 'number', unit: 'MB', scale: MB, step: 0.1 },
    schema: byteSize(50),
    default: 10 * MB,
  }),
  emailAttachmentsMaxTotalBytes: setting({
    group: 'email',
    label: 'Jumlah ukuran lampiran per email',
    help: 'Setelah lampiran satu email mencapai jumlah ini, lampiran berikutnya dicatat tanpa isi.',
    input: { kind: 'number', unit: 'MB', scale: MB, step: 0.1 },
    schema: byteSize(100),
    default: 20 * MB,
  }),
} satisfies Record<string, SettingDefinition>;

type Definitions = typeof SETTING_DEFINITIONS;
export type SettingKey = keyof Definitions;
export type Settings = { [K in SettingKey]: z.output<Definitions[K]['schema']> };
/** The response targets (verify, answer, resolve) of one priority. */
export type DeadlineTargets = Settings['deadlineTargets']['normal'];
export type WhatsappTemplate = NonNullable<Settings['whatsappTemplates'][string]>;

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTING_KEYS.map((key) => [key, SETTING_DEFINITIONS[key].default]),
) as Settings;

/** The one schema of the settings: every key, each value checked by its own entry. */
export const settingsSchema = z
  .object(
    Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTING_DEFINITIONS[key].schema])) as {
      [K in SettingKey]: Definitions[K]['schema'];
    },
  )
  .strict();

/** A change from the form or the API: any subset of the keys, nothing unknown. */
export const settingsChangeSchema = settingsSchema.partial();

/** Reads the current settings (a handful of rows; callers read them once per job). */
export async function loadSettings(db: DbOrTrx): Promise<Settings> {
  return settingsFrom(await readSettings(db));
}

/** Stored values over the defaults; a stored value its schema refuses (an old or hand-edited row) is ignored. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const merged: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const parsed = stored[key] === undefined ? null : SETTING_DEFINITIONS[key].schema.safeParse(stored[key]);
    merged[key] = parsed?.success ? parsed.data : SETTING_DEFINITIONS[key].default;
  }
  return merged as Settings;
}

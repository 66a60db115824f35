/**
 * Settings an admin tunes while the service runs. Defaults live here; the settings table overrides them.
 * Texts are in Bahasa Indonesia: reporters read them.
 */
import type { DbOrTrx } from './db/connection';
import { readSettings } from './db/repos/settings';
import type { DeadlineTargets } from './follow-up/deadlines';

export interface Settings {
  /** `{reference}` is replaced by the incident's code. */
  ackTemplate: string;
  /** `{reference}`, `{status}`, `{update}`. */
  statusTemplate: string;
  /** The same neutral answer for unknown codes and for codes asked about by someone else (no probing). */
  statusNotFoundText: string;
  /** "STATUS" without a code: `{list}` = up to three open reports of that number, newest first. */
  statusListTemplate: string;
  /** "STATUS" without a code from a number with no open report. */
  statusNoneText: string;
  /** Answers to questions (kind `question`, docs/conversations.md): how to report, office hours, what this is. */
  helpHowToReportText: string;
  helpOfficeHoursText: string;
  helpAboutText: string;
  /** A message from a contact with an open incident received this many hours before joins its thread. */
  threadWindowHours: number;
  /** Hours within which a new report of the same category and kelurahan is "possibly the same event". */
  duplicateWindowHours: number;
  /** Acknowledgements per address per hour: the loop and cost guard (answers to questions count too). */
  autoRepliesPerHour: number;
  /** Answers to a person's status query or question per address per hour: a cap of their own, higher. */
  questionRepliesPerHour: number;
  /** A WhatsApp location sent on its own joins the sender's open incident received this many minutes before. */
  locationFollowUpMinutes: number;
  /** Mail older than this (backfill, import) is stored but not acknowledged: the reporter has long moved on. */
  ackMaxAgeHours: number;
  /** Email, first start of a mailbox: how many days of existing mail to fetch (the checkpoint starts there). */
  emailBackfillDays: number;
  /** Email attachments larger than this are recorded (name, type, size) without their content. */
  emailAttachmentMaxBytes: number;
  /** Email: once a message's attachments add up to this, further ones are recorded without content. */
  emailAttachmentsMaxTotalBytes: number;
  /** Media fetched from Twilio larger than this is recorded without its content. */
  mediaMaxBytes: number;
  /**
   * Approved WhatsApp templates by outbound purpose ('ack', 'status_answer', 'reply', …), sent instead of free text
   * outside WhatsApp's 24-hour window: the Twilio ContentSid (HX…) and its variables, whose values may use
   * `{reference}` and `{body}`.
   */
  whatsappTemplates: Record<string, WhatsappTemplate>;
  /** Follow-up (docs/follow-up.md): high-priority incidents alert the people on duty too, not only urgent ones. */
  alertHighPriority: boolean;
  /** Minutes without an acknowledgement before the next person in the roster is alerted (fractions allowed). */
  escalationMinutes: number;
  /** How SMS to staff and stakeholders leave: 'smssync' (the office's Android phone) or 'twilio'. */
  smsTransport: string;
  /** Response targets per priority: verified, first answer to the reporter, resolved (src/follow-up/deadlines.ts). */
  deadlineTargets: Record<string, DeadlineTargets>;
  /** ISO weekdays (1 = Monday) and office hours in TIMEZONE that working-day targets count. */
  workingDays: number[];
  workingHours: { from: string; to: string };
  /** National holidays and collective leave ("YYYY-MM-DD"); the moving ones are added each year by an admin. */
  holidays: string[];
  /** The daily summary: hour in TIMEZONE (0–23) and the email addresses it goes to (none = not sent). */
  dailySummaryHour: number;
  dailySummaryRecipients: string[];
  /** The RT heads' app (docs/app.md): the sign-in SMS, `{code}` = the 6-digit code. */
  appCodeTemplate: string;
  /** Menit sebelum balasan petugas yang belum dibuka di aplikasi juga dikirim lewat SMS. */
  appReplySmsMinutes: number;
  /** Ukuran maksimal satu foto laporan aplikasi (byte), setelah dikecilkan di HP. */
  appPhotoMaxBytes: number;
  /**
   * Open311 (docs/integrations.md): categories whose reports show their summary (numbers and emails masked) in the
   * public GETs. None by default: the public sees status, category, kelurahan and dates only.
   */
  open311PublicTextCategories: string[];
}

/** Fixed-date national holidays (Tahun Baru, Hari Buruh, Hari Lahir Pancasila, HUT RI, Natal) 2025–2027. */
const FIXED_HOLIDAYS = [2025, 2026, 2027].flatMap((y) =>
  ['01-01', '05-01', '06-01', '08-17', '12-25'].map((d) => `${y}-${d}`),
);

export interface WhatsappTemplate {
  contentSid: string;
  variables?: Record<string, string>;
}

export const DEFAULT_SETTINGS: Settings = {
  // One SMS (160 GSM-7 characters) with a code filled in: test/outbound/reporter-texts.test.ts counts the parts.
  ackTemplate:
    'Terima kasih, laporan Anda diterima dengan kode {reference}. Kirim "STATUS {reference}" untuk menanyakan perkembangannya. - Kesbangpol Kota Palopo',
  statusTemplate: 'Laporan {reference}: {status}.{update} - Kesbangpol Kota Palopo',
  statusNotFoundText: 'Maaf, kode tidak ditemukan untuk nomor ini. - Kesbangpol Kota Palopo',
  statusListTemplate: 'Laporan Anda: {list}. - Kesbangpol Kota Palopo',
  statusNoneText:
    'Tidak ada laporan terbuka dari nomor ini. Untuk melapor, tulis apa yang terjadi, di mana dan kapan. - Kesbangpol Kota Palopo',
  helpHowToReportText:
    'Cara melapor: tulis apa yang terjadi, di mana (kelurahan, RT/RW, jalan) dan kapan, lalu kirim ke nomor ini. Darurat: telepon 112. - Kesbangpol Kota Palopo',
  helpOfficeHoursText:
    'Kantor Kesbangpol Kota Palopo buka Senin-Jumat 08.00-16.00 WITA. Laporan lewat nomor ini diterima 24 jam. - Kesbangpol Kota Palopo',
  helpAboutText:
    'Halo Kesbang: layanan laporan warga Kesbangpol Kota Palopo untuk deteksi dini gangguan ketertiban. Kirim laporan ke nomor ini. - Kesbangpol Kota Palopo',
  threadWindowHours: 12,
  duplicateWindowHours: 6,
  autoRepliesPerHour: 3,
  questionRepliesPerHour: 6,
  ackMaxAgeHours: 24,
  locationFollowUpMinutes: 60,
  mediaMaxBytes: 10 * 1024 * 1024,
  whatsappTemplates: {},
  alertHighPriority: false,
  escalationMinutes: 10,
  smsTransport: 'smssync',
  deadlineTargets: {
    urgent: { verify: { minutes: 15 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
    high: { verify: { minutes: 60 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
    normal: { verify: { workingDays: 1 }, answer: { workingDays: 1 }, resolve: { workingDays: 5 } },
    low: { verify: { workingDays: 2 }, answer: { workingDays: 2 }, resolve: { workingDays: 10 } },
  },
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { from: '08:00', to: '16:00' },
  holidays: FIXED_HOLIDAYS,
  dailySummaryHour: 7,
  dailySummaryRecipients: [],
  open311PublicTextCategories: [],
  emailBackfillDays: 7,
  emailAttachmentMaxBytes: 10 * 1024 * 1024,
  emailAttachmentsMaxTotalBytes: 20 * 1024 * 1024,
  appCodeTemplate: 'Kode masuk Halo Kesbang: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',
  appReplySmsMinutes: 30,
  appPhotoMaxBytes: 1024 * 1024,
};

/** Reads the current settings (a handful of rows; callers read them once per job). */
export async function loadSettings(db: DbOrTrx): Promise<Settings> {
  const stored = await readSettings(db);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const value = stored[key];
    if (value !== undefined && typeof value === typeof merged[key]) merged[key] = value;
  }
  return merged as unknown as Settings;
}

/**
 * Settings an admin tunes while the service runs. Defaults live here; the settings table overrides them.
 * Texts are in Bahasa Indonesia: reporters read them.
 */
import type { DbOrTrx } from './db/connection';
import { readSettings } from './db/repos/settings';

export interface Settings {
  /** `{reference}` is replaced by the incident's code. */
  ackTemplate: string;
  /** `{reference}`, `{status}`, `{update}`. */
  statusTemplate: string;
  /** The same neutral answer for unknown codes and for codes asked about by someone else (no probing). */
  statusNotFoundText: string;
  /** Hours within which a new report of the same category and kelurahan is "possibly the same event". */
  duplicateWindowHours: number;
  /** Automatic messages (acks, status answers) per address per hour: the loop and cost guard. */
  autoRepliesPerHour: number;
  /** A WhatsApp location sent on its own joins the sender's open incident received this many minutes before. */
  locationFollowUpMinutes: number;
  /** Mail older than this (backfill, import) is stored but not acknowledged: the reporter has long moved on. */
  ackMaxAgeHours: number;
  /** Media fetched from Twilio larger than this is recorded without its content. */
  mediaMaxBytes: number;
  /**
   * Approved WhatsApp templates by outbound purpose ('ack', 'status_answer', 'reply', …), sent instead of free text
   * outside WhatsApp's 24-hour window: the Twilio ContentSid (HX…) and its variables, whose values may use
   * `{reference}` and `{body}`.
   */
  whatsappTemplates: Record<string, WhatsappTemplate>;
}

export interface WhatsappTemplate {
  contentSid: string;
  variables?: Record<string, string>;
}

export const DEFAULT_SETTINGS: Settings = {
  ackTemplate:
    'Terima kasih, laporan Anda sudah kami terima dengan kode {reference}. Simpan kode ini; kirim "STATUS {reference}" untuk menanyakan perkembangannya. - Kesbangpol Kota Palopo',
  statusTemplate: 'Laporan {reference}: {status}.{update} - Kesbangpol Kota Palopo',
  statusNotFoundText: 'Maaf, kode tidak ditemukan untuk nomor ini. - Kesbangpol Kota Palopo',
  duplicateWindowHours: 6,
  autoRepliesPerHour: 3,
  ackMaxAgeHours: 24,
  locationFollowUpMinutes: 60,
  mediaMaxBytes: 10 * 1024 * 1024,
  whatsappTemplates: {},
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

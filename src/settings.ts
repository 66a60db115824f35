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
  /** Mail older than this (backfill, import) is stored but not acknowledged: the reporter has long moved on. */
  ackMaxAgeHours: number;
  /** Email, first start of a mailbox: how many days of existing mail to fetch (the checkpoint starts there). */
  emailBackfillDays: number;
  /** Email attachments larger than this are recorded (name, type, size) without their content. */
  emailAttachmentMaxBytes: number;
  /** Email: once a message's attachments add up to this, further ones are recorded without content. */
  emailAttachmentsMaxTotalBytes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  ackTemplate:
    'Terima kasih, laporan Anda sudah kami terima dengan kode {reference}. Simpan kode ini; kirim "STATUS {reference}" untuk menanyakan perkembangannya. - Kesbangpol Kota Palopo',
  statusTemplate: 'Laporan {reference}: {status}.{update} - Kesbangpol Kota Palopo',
  statusNotFoundText: 'Maaf, kode tidak ditemukan untuk nomor ini. - Kesbangpol Kota Palopo',
  duplicateWindowHours: 6,
  autoRepliesPerHour: 3,
  ackMaxAgeHours: 24,
  emailBackfillDays: 7,
  emailAttachmentMaxBytes: 10 * 1024 * 1024,
  emailAttachmentsMaxTotalBytes: 20 * 1024 * 1024,
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

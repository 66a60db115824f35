/**
 * The columns of the incident exports (CSV and Excel), as an Indonesian office reads them: Indonesian headers,
 * labels instead of codes, times as local wall-clock time in TIMEZONE. One list, so both files always agree.
 */
import type { Incident } from '../../../core/incident';
import { CATEGORY_LABELS, type Category } from '../../../core/normalized-message';
import { localClock } from '../../../follow-up/local-time';
import { CHANNEL_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../labels';

/** A wall-clock time in the office's zone: `date` "YYYY-MM-DD", `minute` of the day. */
export interface LocalTime {
  date: string;
  minute: number;
}

export type ExportValue = string | number | LocalTime | null;

export interface ExportColumn {
  header: string;
  /** Column width in characters (the Excel file; CSV has none). */
  width: number;
  value: (i: Incident, timeZone: string) => ExportValue;
}

const local = (iso: string | null, timeZone: string): LocalTime | null => {
  if (!iso) return null;
  const c = localClock(new Date(iso), timeZone);
  return { date: c.date, minute: c.minute };
};

export const EXPORT_COLUMNS: ExportColumn[] = [
  { header: 'Kode', width: 12, value: (i) => i.reference },
  { header: 'Diterima', width: 17, value: (i, tz) => local(i.receivedAt, tz) },
  { header: 'Status', width: 14, value: (i) => STATUS_LABELS[i.status] },
  { header: 'Prioritas', width: 11, value: (i) => PRIORITY_LABELS[i.priority] },
  { header: 'Kategori', width: 28, value: (i) => (i.category ? CATEGORY_LABELS[i.category as Category] : null) },
  { header: 'Kanal', width: 12, value: (i) => CHANNEL_LABELS[i.channel] ?? i.channel },
  { header: 'Judul', width: 40, value: (i) => i.title },
  { header: 'Ringkasan', width: 60, value: (i) => i.summary },
  { header: 'Kecamatan', width: 16, value: (i) => i.location.kecamatan },
  { header: 'Kode kecamatan', width: 14, value: (i) => i.location.kecamatanCode },
  { header: 'Kelurahan', width: 18, value: (i) => i.location.kelurahan },
  { header: 'Kode kelurahan', width: 16, value: (i) => i.location.kelurahanCode },
  { header: 'RT', width: 5, value: (i) => i.location.rt },
  { header: 'RW', width: 5, value: (i) => i.location.rw },
  { header: 'Jalan', width: 24, value: (i) => i.location.street },
  { header: 'Waktu kejadian', width: 17, value: (i, tz) => local(i.occurredAt, tz) },
  { header: 'Nama pelapor', width: 18, value: (i) => i.reporter.name },
  { header: 'Telepon pelapor', width: 17, value: (i) => i.reporter.phone },
  { header: 'Email pelapor', width: 24, value: (i) => i.reporter.email },
  { header: 'Petugas', width: 18, value: (i) => i.assignee?.name ?? null },
  { header: 'Jumlah pesan', width: 8, value: (i) => i.messageCount },
  { header: 'Mungkin duplikat dari', width: 10, value: (i) => i.possibleDuplicateOf },
  { header: 'Nomor', width: 10, value: (i) => i.id },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-29 21:05": a form Excel reads as a date and time in every locale. */
export function formatLocalTime(t: LocalTime): string {
  return `${t.date} ${pad(Math.floor(t.minute / 60))}:${pad(t.minute % 60)}`;
}

export function isLocalTime(v: ExportValue): v is LocalTime {
  return typeof v === 'object' && v !== null;
}

/** The export's file name, dated in the office's zone: `insiden-2026-11-29.csv`. */
export function exportFileName(extension: string, timeZone: string, now = new Date()): string {
  return `insiden-${localClock(now, timeZone).date}.${extension}`;
}

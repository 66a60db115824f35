/**
 * The daily summary email, pure: new incidents of the last 24 hours by category and kecamatan, the urgent ones,
 * and everything overdue. The caller gathers the rows and the clock; this only writes the text.
 */
import { categoryLabel, placeLabel } from './alert-text';

export interface SummaryIncident {
  id: string;
  reference: string;
  title: string;
  category: string | null;
  priority: string;
  status: string;
  kelurahan: string | null;
  kecamatan: string | null;
  dueAt: Date | null;
}

export interface SummaryInput {
  /** The local date the summary is for ("YYYY-MM-DD"). */
  date: string;
  newIncidents: SummaryIncident[];
  overdue: SummaryIncident[];
  publicUrl: string;
  now: Date;
}

function counts(items: SummaryIncident[], key: (i: SummaryIncident) => string): [string, number][] {
  const map = new Map<string, number>();
  for (const i of items) map.set(key(i), (map.get(key(i)) ?? 0) + 1);
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function line(i: SummaryIncident, publicUrl: string): string {
  return `- ${i.reference} ${i.title || '(tanpa judul)'} · ${placeLabel(i.kelurahan, i.kecamatan)} · ${publicUrl}/incidents/${i.id}`;
}

export function buildDailySummary(s: SummaryInput): { subject: string; body: string } {
  const urgent = s.newIncidents.filter((i) => i.priority === 'urgent');
  const hoursLate = (i: SummaryIncident) =>
    i.dueAt ? Math.max(0, Math.round((s.now.getTime() - i.dueAt.getTime()) / 3_600_000)) : 0;
  const sections = [
    `Ringkasan harian Halo Kesbang, ${s.date}`,
    '',
    `Laporan baru dalam 24 jam terakhir: ${s.newIncidents.length}`,
    '',
    'Menurut kategori:',
    ...(s.newIncidents.length
      ? counts(s.newIncidents, (i) => categoryLabel(i.category)).map(([k, n]) => `- ${k}: ${n}`)
      : ['- (tidak ada)']),
    '',
    'Menurut kecamatan:',
    ...(s.newIncidents.length
      ? counts(s.newIncidents, (i) => i.kecamatan ?? 'Tidak diketahui').map(([k, n]) => `- ${k}: ${n}`)
      : ['- (tidak ada)']),
    '',
    `Mendesak (${urgent.length}):`,
    ...(urgent.length ? urgent.map((i) => line(i, s.publicUrl)) : ['- (tidak ada)']),
    '',
    `Melewati tenggat (${s.overdue.length}):`,
    ...(s.overdue.length
      ? s.overdue.map((i) => `${line(i, s.publicUrl)} · terlambat ${hoursLate(i)} jam`)
      : ['- (tidak ada)']),
    '',
    '-- Halo Kesbang, Kesbangpol Kota Palopo',
  ];
  return {
    subject: `Ringkasan harian Halo Kesbang ${s.date}: ${s.newIncidents.length} laporan baru, ${urgent.length} mendesak, ${s.overdue.length} lewat tenggat`,
    body: sections.join('\n'),
  };
}

/**
 * The summary an agency receives, pure. The reporter's identity stays out unless staff include it: their name,
 * numbers and addresses are masked in the reporter's own words too (people write them into their reports).
 */
import { maskText } from '../auth/masking';
import { categoryLabel, placeLabel } from './alert-text';

export interface ForwardFacts {
  reference: string;
  title: string;
  summary: string;
  category: string | null;
  priority: string;
  kelurahan: string | null;
  kecamatan: string | null;
  rt: string | null;
  rw: string | null;
  street: string | null;
  receivedAt: string;
  reporter: { name: string | null; phone: string | null; email: string | null };
  note: string;
  includeReporter: boolean;
}

const PRIORITY = { urgent: 'Mendesak', high: 'Tinggi', normal: 'Normal', low: 'Rendah' } as Record<string, string>;

function withoutIdentity(text: string, name: string | null): string {
  let out = maskText(text);
  if (name && name.trim().length >= 3) out = out.split(name.trim()).join('[pelapor]');
  return out;
}

export function forwardText(f: ForwardFacts): string {
  const summary = f.includeReporter ? f.summary : withoutIdentity(f.summary, f.reporter.name);
  const where = [
    placeLabel(f.kelurahan, f.kecamatan),
    f.rt || f.rw ? `RT ${f.rt ?? '–'}/RW ${f.rw ?? '–'}` : null,
    f.street,
  ]
    .filter(Boolean)
    .join(', ');
  const reporter = [f.reporter.name, f.reporter.phone, f.reporter.email].filter(Boolean).join(', ');
  return [
    `Penerusan laporan Halo Kesbang ${f.reference}`,
    `${f.title || '(tanpa judul)'}`,
    `Kategori: ${categoryLabel(f.category)} · Prioritas: ${PRIORITY[f.priority] ?? f.priority}`,
    `Lokasi: ${where}`,
    `Diterima: ${f.receivedAt}`,
    `Isi laporan: ${summary}`,
    ...(f.note.trim() ? [`Catatan petugas: ${f.note.trim()}`] : []),
    ...(f.includeReporter && reporter ? [`Pelapor: ${reporter}`] : []),
    `Mohon balas pesan ini dengan menyebut kode ${f.reference} untuk menyampaikan tindak lanjut.`,
    '- Kesbangpol Kota Palopo',
  ].join('\n');
}

/** What an officer on duty reads on their phone: short, with the code to answer and the link to the incident. */
import { CATEGORY_LABELS, type Category } from '../core/normalized-message';

export interface AlertFacts {
  reference: string;
  category: string | null;
  priority: string;
  kelurahan: string | null;
  kecamatan: string | null;
  /** The reporter's words (the incident's summary). */
  text: string;
  link: string;
  /** 0 = first alert; higher = escalation after nobody acknowledged. */
  level: number;
  escalationMinutes: number;
}

/** The first `count` words of a text, with an ellipsis when cut. */
export function firstWords(text: string, count = 25): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(' ')} …` : words.join(' ');
}

export function categoryLabel(category: string | null): string {
  return category ? (CATEGORY_LABELS[category as Category] ?? category) : 'Belum dikategorikan';
}

export function placeLabel(kelurahan: string | null, kecamatan: string | null): string {
  if (kelurahan && kecamatan) return `Kel. ${kelurahan}, Kec. ${kecamatan}`;
  if (kecamatan) return `Kec. ${kecamatan}`;
  return kelurahan ? `Kel. ${kelurahan}` : 'lokasi belum diketahui';
}

export function alertText(f: AlertFacts): string {
  const head =
    f.level === 0
      ? `PERINGATAN ${f.priority === 'urgent' ? 'MENDESAK' : 'PRIORITAS TINGGI'} ${f.reference}`
      : `ESKALASI ${f.reference}: belum ada yang menanggapi dalam ${Math.round(f.escalationMinutes * 10) / 10} menit`;
  return [
    head,
    `${categoryLabel(f.category)} · ${placeLabel(f.kelurahan, f.kecamatan)}`,
    `"${firstWords(f.text)}"`,
    f.link,
    `Balas "OK ${f.reference}" bila sudah ditangani.`,
  ].join('\n');
}

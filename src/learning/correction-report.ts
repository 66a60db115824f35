/**
 * Where the rules and this office disagree: the normalizer is run again on every stored correction, and per field
 * the disagreements are counted by (machine → staff) pair, with the words that occur most often in those messages
 * first, so that whoever extends the keyword lists sees what to add. Pure: the caller loads the examples.
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { CorrectedField, LabelledExample } from '../db/repos/labelled-examples';
import { expandedWords } from '../normalize/abbreviations';

export interface Disagreement {
  /** What the rules say today. */
  rules: string | null;
  /** What staff decided. */
  staff: string | null;
  count: number;
  /** Words of those messages, the most frequent first (counted once per message). */
  words: { word: string; count: number }[];
}

export interface FieldReport {
  examples: number;
  agree: number;
  disagreements: Disagreement[];
}

export type CorrectionReport = Record<CorrectedField, FieldReport>;

/** Words that say nothing about category or priority. */
const STOP_WORDS = new Set(
  (
    'yang dan di ke dari ada ini itu dengan untuk pada dalam tidak sudah akan juga saya kami kita mereka dia ' +
    'pak bapak ibu bu mohon tolong lapor laporan warga kelurahan kecamatan jalan tadi sekarang masih karena atau ' +
    'oleh para sebagai bahwa agar bisa saja lagi sangat banyak orang terima kasih assalamualaikum selamat pagi ' +
    'siang sore malam hari kota palopo wita rt rw kel kec'
  ).split(' '),
);
const MAX_WORDS = 10;

/** Distinct content words of a message (slang expanded). */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of expandedWords(text)) {
    if (w.length < 3 || /\d/.test(w) || STOP_WORDS.has(w)) continue;
    out.add(w);
  }
  return out;
}

function readField(n: NormalizedMessage, field: CorrectedField): string | null {
  return field === 'category' ? n.category : n.priority;
}

/** Evaluates the rules (`read`) on the examples. */
export function correctionReport(
  examples: readonly LabelledExample[],
  read: (e: LabelledExample) => NormalizedMessage,
): CorrectionReport {
  const report: CorrectionReport = {
    category: { examples: 0, agree: 0, disagreements: [] },
    priority: { examples: 0, agree: 0, disagreements: [] },
  };
  const groups = new Map<string, { d: Disagreement; words: Map<string, number> }>();
  for (const e of examples) {
    const field = report[e.field];
    field.examples++;
    const rules = readField(read(e), e.field);
    if (rules === e.correctedValue) {
      field.agree++;
      continue;
    }
    const key = `${e.field}\u0000${rules}\u0000${e.correctedValue}`;
    let g = groups.get(key);
    if (!g) {
      g = { d: { rules, staff: e.correctedValue, count: 0, words: [] }, words: new Map() };
      groups.set(key, g);
      field.disagreements.push(g.d);
    }
    g.d.count++;
    for (const w of contentWords(e.text)) g.words.set(w, (g.words.get(w) ?? 0) + 1);
  }
  for (const g of groups.values()) {
    g.d.words = [...g.words]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_WORDS)
      .map(([word, count]) => ({ word, count }));
  }
  for (const f of Object.values(report)) f.disagreements.sort((a, b) => b.count - a.count);
  return report;
}

const FIELD_LABELS: Record<CorrectedField, string> = { category: 'Kategori', priority: 'Prioritas' };

/** The report as staff read it (Bahasa Indonesia, plain text). */
export function formatCorrectionReport(r: CorrectionReport): string {
  const lines: string[] = [];
  for (const field of ['category', 'priority'] as const) {
    const f = r[field];
    lines.push(`${FIELD_LABELS[field]}: ${f.examples} koreksi, aturan sekarang setuju dengan ${f.agree}`);
    for (const d of f.disagreements) {
      const words = d.words.map((w) => `${w.word} (${w.count})`).join(', ');
      lines.push(`  aturan: ${d.rules ?? '-'} → petugas: ${d.staff ?? '-'}: ${d.count}× — kata: ${words || '-'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * "Kata yang dikenali": each word the normalizer recognised, and which field of its reading the word decided
 * ("tawuran → kategori Konflik sosial / tawuran", "luka → prioritas Mendesak"). The labels name the machine's
 * reading, which staff may have corrected since (the page says so beside the field).
 */
import { CATEGORY_LABELS, type Category, type NormalizedReasons, type Priority } from '../../core/normalized-message';
import { PRIORITY_LABELS } from '../labels';
import { type Html, html } from './html';

const KIND_LABELS: Record<string, string> = {
  report: 'Laporan',
  status_query: 'Pertanyaan status',
  question: 'Pertanyaan',
  noise: 'Bukan laporan',
  auto_reply: 'Balasan otomatis',
};

export interface ReadingReasonsInput {
  reasons: NormalizedReasons | null;
  /** Older incidents have only the plain keyword list. */
  keywords: string[];
  machine: { kind: string | null; category: string | null; priority: string | null };
}

/** One line per word, its fields in the order staff read them: category, priority, and kind for words that decided only that. */
export function readingReasonLines(d: ReadingReasonsInput): { word: string; decided: string[] }[] {
  if (!d.reasons) return d.keywords.map((word) => ({ word, decided: [] }));
  const lines = new Map<string, string[]>();
  const add = (word: string, decided: string) => {
    const key = word.trim();
    if (!key) return;
    const list = lines.get(key) ?? [];
    if (!list.includes(decided)) list.push(decided);
    lines.set(key, list);
  };
  const category = d.machine.category ? (CATEGORY_LABELS[d.machine.category as Category] ?? d.machine.category) : null;
  const priority = d.machine.priority ? (PRIORITY_LABELS[d.machine.priority as Priority] ?? d.machine.priority) : null;
  const kind = d.machine.kind ? (KIND_LABELS[d.machine.kind] ?? d.machine.kind) : null;
  if (category) for (const w of d.reasons.category) add(w, `kategori ${category}`);
  if (priority) for (const w of d.reasons.priority) add(w, `prioritas ${priority}`);
  // A word that already decided the category made the message a report too: saying so again is noise.
  if (kind) for (const w of d.reasons.kind) if (!lines.has(w.trim())) add(w, `jenis ${kind}`);
  return [...lines].map(([word, decided]) => ({ word, decided }));
}

export function readingReasonsHtml(d: ReadingReasonsInput): Html | string {
  const lines = readingReasonLines(d);
  if (lines.length === 0) return '–';
  return html`<ul class="reasons">${lines.map(
    (l) => html`<li><span class="kw">${l.word}</span>${l.decided.length ? html` → ${l.decided.join(', ')}` : ''}</li>`,
  )}</ul>`;
}

/**
 * A small multinomial naive Bayes over a message's content words, trained on labelled examples (staff corrections
 * and the labelled sets). It only ever proposes a category for a report the keyword rules found no word for, and
 * the proposal is marked as one: staff decide. Pure and linear in the text.
 */
import { contentWords } from './correction-report';

export interface NaiveBayesModel {
  classes: Map<string, { documents: number; words: Map<string, number>; totalWords: number }>;
  vocabulary: Set<string>;
  documents: number;
}

export function trainNaiveBayes(examples: readonly { text: string; label: string }[]): NaiveBayesModel {
  const model: NaiveBayesModel = { classes: new Map(), vocabulary: new Set(), documents: 0 };
  for (const e of examples) {
    let c = model.classes.get(e.label);
    if (!c) {
      c = { documents: 0, words: new Map(), totalWords: 0 };
      model.classes.set(e.label, c);
    }
    c.documents++;
    model.documents++;
    for (const w of contentWords(e.text)) {
      c.words.set(w, (c.words.get(w) ?? 0) + 1);
      c.totalWords++;
      model.vocabulary.add(w);
    }
  }
  return model;
}

/** The most probable label and its posterior share (0..1), or null when no known word is in the text. */
export function proposeLabel(model: NaiveBayesModel, text: string): { label: string; probability: number } | null {
  const words = [...contentWords(text)].filter((w) => model.vocabulary.has(w));
  if (words.length === 0 || model.documents === 0) return null;
  const v = model.vocabulary.size;
  const logs: [string, number][] = [];
  for (const [label, c] of model.classes) {
    let log = Math.log(c.documents / model.documents);
    for (const w of words) log += Math.log(((c.words.get(w) ?? 0) + 1) / (c.totalWords + v));
    logs.push([label, log]);
  }
  const max = Math.max(...logs.map(([, l]) => l));
  const sum = logs.reduce((s, [, l]) => s + Math.exp(l - max), 0);
  const [label, log] = logs.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { label, probability: Math.exp(log - max) / sum };
}

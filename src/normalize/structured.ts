/**
 * Structured SMS: "KESBANG#<kategori>#<kelurahan>#<isi>" (and "LAPOR#…"). Each field is read as free text would
 * be when it does not match exactly, so a sloppy "lapor#tawuran#ponjale#…" still works.
 */

export interface StructuredMessage {
  keyword: 'KESBANG' | 'LAPOR';
  category: string;
  place: string;
  body: string;
}

// Spaces around "#" are tolerated; the body may itself contain "#".
const STRUCTURED_RE = /^\s*(kesbang|lapor)\s*#\s*([^#\n]*?)\s*#\s*([^#\n]*?)\s*#\s*([\s\S]*)$/i;

/** Splits a structured message into its fields, or null when the text is free-form. */
export function parseStructured(text: string): StructuredMessage | null {
  const m = STRUCTURED_RE.exec(text);
  if (!m) return null;
  return {
    keyword: (m[1] ?? '').toUpperCase() === 'LAPOR' ? 'LAPOR' : 'KESBANG',
    category: m[2] ?? '',
    place: m[3] ?? '',
    body: (m[4] ?? '').trim(),
  };
}

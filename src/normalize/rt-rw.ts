/**
 * RT/RW numbers in every way people write them: "RT 02 RW 03", "RT.002/RW.003", "Rt.002/Rw.002", "RW 1/RT 1",
 * "RT/RW 02/03", "RT 7" alone. The first of each wins (a letter signed "Ketua RT 05" names the place first).
 */

export interface RtRw {
  rt: string | null;
  rw: string | null;
}

// "RT/RW 002/003" and "RT/RW: 2/3": one label, two numbers.
const COMBINED_RE = /\brt\s*[/.-]\s*rw\s*[.:]?\s*(?:no\.?\s*)?(\d{1,3})\s*[/.-]\s*(\d{1,3})(?!\d)/i;
// "RT 02", "RT.002", "Rt:2", "RT02", "RW no. 3": a label then one number; "/" between pairs is just punctuation.
const SINGLE_RE = /(?<![a-z])(rt|rw)\s*[.:]?\s*(?:no\.?\s*)?(\d{1,3})(?![\d.,]\d)/gi;

/** "002" → "2"; "0" and "000" are not RT numbers. */
function number(s: string): string | null {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n > 0 ? String(n) : null;
}

/** Reads the first RT and the first RW number, without leading zeros. */
export function extractRtRw(text: string): RtRw {
  let rt: { at: number; value: string } | null = null;
  let rw: { at: number; value: string } | null = null;
  const combined = COMBINED_RE.exec(text);
  if (combined) {
    const a = number(combined[1] ?? '');
    const b = number(combined[2] ?? '');
    if (a) rt = { at: combined.index, value: a };
    if (b) rw = { at: combined.index, value: b };
  }
  SINGLE_RE.lastIndex = 0;
  for (let m = SINGLE_RE.exec(text); m; m = SINGLE_RE.exec(text)) {
    const value = number(m[2] ?? '');
    if (!value) continue;
    if ((m[1] ?? '').toLowerCase() === 'rt') {
      if (!rt || m.index < rt.at) rt = { at: m.index, value };
    } else if (!rw || m.index < rw.at) rw = { at: m.index, value };
  }
  return { rt: rt?.value ?? null, rw: rw?.value ?? null };
}

/**
 * CSV lines, safe to open in a spreadsheet. Fields are separated by a semicolon: Excel in the Indonesian locale
 * (where the comma is the decimal separator) splits columns on it when the file is opened with a double click.
 */

export const CSV_SEPARATOR = ';';

/** Cells a spreadsheet would run as a formula; a lone phone number (+62…) is data, not a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s]*$/;

/** One field: quoted when it holds a quote, separator or line break (quotes doubled); formulas neutralized with `'`. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[";,\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated. */
export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}

/**
 * Mail built to make a parser work hard (issue #7, "parser hardening"). Each is a complete RFC 822 message
 * with a report at the top, so that one that is parsed can also be read.
 */
import { mail } from './mail-fixtures';

const REPORT = 'Ada tawuran antar pemuda di Kel. Benteng, warga resah.';

/** multipart/mixed with `n` text parts. */
export function manyParts(n: number): string {
  const parts = Array.from({ length: n }, (_, i) => `--p\nContent-Type: text/plain\n\n${i ? `bagian ${i}` : REPORT}\n`);
  return mail({ headers: { 'Content-Type': 'multipart/mixed; boundary="p"' }, body: `${parts.join('')}--p--\n` });
}

/** `depth` multiparts inside each other, the report in the innermost. */
export function deeplyNested(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 1; i < depth; i++) {
    open += `--n${i - 1}\nContent-Type: multipart/mixed; boundary="n${i}"\n\n`;
    close = `--n${i}--\n${close}`;
  }
  const body = `${open}--n${depth - 1}\nContent-Type: text/plain\n\n${REPORT}\n${close}--n0--\n`;
  return mail({ headers: { 'Content-Type': 'multipart/mixed; boundary="n0"' }, body });
}

/** A header block of about `bytes` (many long X- headers). */
export function hugeHeaders(bytes: number): string {
  const value = 'a'.repeat(990);
  const count = Math.ceil(bytes / (value.length + 10));
  const headers = Object.fromEntries(Array.from({ length: count }, (_, i) => [`X-Pad-${i}`, value]));
  return mail({ headers, body: REPORT });
}

/** An HTML body of `n` links after the report. */
export function linkHeavy(n: number): string {
  const links = Array.from({ length: n }, (_, i) => `<a href="http://x.example/${i}">tautan ${i}</a>`).join(' ');
  return mail({ headers: { 'Content-Type': 'text/html' }, body: `<html><body><p>${REPORT}</p>${links}</body></html>` });
}

/** An HTML body nested `n` <div>s deep: the HTML-to-text and sanitizer passes take seconds on it. */
export function deepHtml(n: number): string {
  return mail({ headers: { 'Content-Type': 'text/html' }, body: `${'<div>'.repeat(n)}${REPORT}${'</div>'.repeat(n)}` });
}

/** The cases the issue names, with a label each. */
export const HOSTILE_MAIL: Array<[label: string, build: () => string]> = [
  ['10,000 MIME parts', () => manyParts(10_000)],
  ['100 levels of nesting', () => deeplyNested(100)],
  ['1 MB of headers', () => hugeHeaders(1024 * 1024)],
  ['200,000 links', () => linkHeavy(200_000)],
  ['HTML 50,000 elements deep', () => deepHtml(50_000)],
];

/** RFC 4180 fields and spreadsheet safety; the masks viewers see. */
import { maskEmail, maskName, maskPhone, maskText } from '../../src/auth/masking';
import { extValue } from '../../src/http/api/attachment-route';
import { csvField, csvRow } from '../../src/http/api/incidents/csv';

test.each([
  ['plain', 'Wara', 'Wara'],
  ['null', null, ''],
  ['number', 3, '3'],
  ['comma', 'Jl. Andi Djemma, Wara', '"Jl. Andi Djemma, Wara"'],
  ['semicolon (the separator)', 'miras; tawuran', '"miras; tawuran"'],
  ['quotes doubled', 'spanduk "provokatif"', '"spanduk ""provokatif"""'],
  ['line break', 'baris satu\nbaris dua', '"baris satu\nbaris dua"'],
  ['CRLF', 'a\r\nb', '"a\r\nb"'],
  ['formula neutralized', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
  ['at-sign formula', '@SUM(A1)', "'@SUM(A1)"],
  ['phone stays a phone', '+6281234568901', '+6281234568901'],
])('csvField: %s', (_label, input, expected) => {
  expect(csvField(input)).toBe(expected);
});

test('csvRow separates fields with semicolons (Excel, Indonesian locale) and ends records with CRLF', () => {
  expect(csvRow(['a', 'b;c', null])).toBe('a;"b;c";\r\n');
});

test.each([
  ['phone', maskPhone('+6281234568901'), '+62812****8901'],
  ['email', maskEmail('rahmat@gmail.com'), 'r***@gmail.com'],
  ['name', maskName('Budi Santoso'), 'B***'],
  ['text with a number written with spaces', maskText('hubungi 0812 3456 8901 ya'), 'hubungi 0812****8901 ya'],
  ['text with an email', maskText('kirim ke rahmat.h@yahoo.co.id'), 'kirim ke r***@yahoo.co.id'],
  ['whatsapp address', maskText('whatsapp:+6281234568901'), 'whatsapp:+62812****8901'],
])('mask: %s', (_label, actual, expected) => {
  expect(actual).toBe(expected);
});

test.each([
  ['an apostrophe', "surat'ku.pdf", 'surat%27ku.pdf'],
  ['brackets, star and bang', 'foto (1)*!.jpg', 'foto%20%281%29%2A%21.jpg'],
  ['non-ASCII', 'undangan rapat é.pdf', 'undangan%20rapat%20%C3%A9.pdf'],
])('attachment filename* encodes %s (RFC 5987)', (_l, name, encoded) => {
  expect(extValue(name)).toBe(encoded);
  expect(decodeURIComponent(extValue(name))).toBe(name);
});

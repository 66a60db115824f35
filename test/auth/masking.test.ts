/**
 * Masking as a viewer sees it: the ways people write numbers and addresses, structural masks of addresses and
 * names, and hostile 1 MB inputs (each of which took seconds to minutes with the old regular expressions; the
 * scanners finish them well inside jest's default timeout, which is the only clock involved).
 */
import { findEmails, findPhones } from '../../src/auth/identity-scanner';
import {
  CUT_MARK,
  identityMask,
  MASK_READ_LIMIT,
  maskAddress,
  maskEmail,
  maskPhone,
  maskText,
} from '../../src/auth/masking';

const MB = 1024 * 1024;

describe('phone numbers as people write them', () => {
  test.each([
    ['(0812) 3456 7890', '0812****7890'],
    ['+62 (812) 9876-5432', '+62812****5432'],
    ['0813-7777-8888', '0813****8888'],
    ['0812.3456.7890', '0812****7890'],
    ['+1 415 555 0100', '+14****0100'],
    ['+6281234568901', '+62812****8901'],
    ['6281234568901', '62812****8901'],
    ['0812 3456 8901', '0812****8901'],
    ['0411 123456', '04****3456'],
  ])('"%s" → %s', (written, masked) => {
    expect(maskText(`hubungi ${written} segera`)).toBe(`hubungi ${masked} segera`);
  });

  test.each([
    ['a reference code', 'kode HK-7Q3F2K'],
    ['money', 'ganti rugi Rp 15.000.000 per orang'],
    ['a date and time', 'tanggal 2025-05-12 jam 19.30'],
    ['RT/RW', 'RT 03/RW 05 Kel. Balandai'],
    ['a short number', 'ada 0812 orang'],
  ])('%s is left alone', (_label, text) => {
    expect(maskText(text)).toBe(text);
  });

  test('several numbers and an address in one text, nothing of them left', () => {
    const text = 'Saya Rina (0812) 3456 7890 / +62 (812) 9876-5432, email rina.w@yahoo.co.id. Terima kasih';
    const masked = maskText(text, ['Rina Wulandari']);
    expect(masked).toBe('Saya R*** 0812****7890 / +62812****5432, email r***@yahoo.co.id. Terima kasih');
    for (const secret of ['3456', '9876', 'rina.w', 'Rina']) expect(masked).not.toContain(secret);
  });

  test('at least four digits stay hidden, whatever the length', () => {
    for (const p of ['081234567', '0812345678', '+6281234568901', '+14155550100']) {
      const shown = maskPhone(p).replace(/\D/g, '');
      expect(p.replace(/\D/g, '').length - shown.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('structural masks', () => {
  test.each([
    ['whatsapp:+14155550100', 'whatsapp:+14****0100'],
    ['whatsapp:+6281234568901', 'whatsapp:+62812****8901'],
    ['"Budi Santoso" <budi.s@gmail.com>', 'B*** <b***@gmail.com>'],
    ['Budi <budi@kantor.go.id>', 'B*** <b***@kantor.go.id>'],
    ['rahmat@gmail.com', maskEmail('rahmat@gmail.com')],
    ['+6281234568901', '+62812****8901'],
    ['Pak RT', 'P***'],
  ])('address %s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  test('known names are masked in free text, as whole words only', () => {
    const mask = identityMask('viewer', ['Daeng Ani', '"Ahmad Yani" <ay@x.id>']);
    expect(mask.text('Ani melapor bersama Daniel; pesan dari Ahmad YANI')).toBe(
      'A*** melapor bersama Daniel; pesan dari A*** Y***',
    );
  });

  test('operators and admins see everything as it is', () => {
    for (const role of ['operator', 'admin'] as const) {
      const mask = identityMask(role, ['Budi']);
      expect(mask.text('Budi 0812 3456 7890')).toBe('Budi 0812 3456 7890');
      expect(mask.address('whatsapp:+14155550100')).toBe('whatsapp:+14155550100');
    }
  });
});

describe('hostile 1 MB inputs', () => {
  const inputs: [string, string][] = [
    ['a word of e-mail characters without "@"', 'a'.repeat(MB)],
    ['a word of dots and letters', 'a.'.repeat(MB / 2)],
    ['"@" after a long local part', `${'a'.repeat(MB)}@`],
    ['a run of "@"', '@'.repeat(MB)],
    ['a@a@a@…', 'a@'.repeat(MB / 2)],
    ['a long domain without a top-level domain', `x@${'a-'.repeat(MB / 2)}`],
    ['digits', '1'.repeat(MB)],
    ['zeros with spaces', '0 '.repeat(MB / 2)],
    ['plus and digits', '+1'.repeat(MB / 2)],
    ['brackets and digits', '(0'.repeat(MB / 2)],
    ['a name-like word', 'Budi'.repeat(MB / 4)],
  ];

  test.each(inputs)('%s: masked, capped and marked as cut', (_label, text) => {
    const mask = identityMask('viewer', ['Budi Santoso']);
    const out = mask.text(text);
    expect(out.endsWith(CUT_MARK)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(MASK_READ_LIMIT + CUT_MARK.length + 100);
  });

  test.each(inputs)('%s: the scanners read all of it', (_label, text) => {
    expect(Array.isArray(findEmails(text))).toBe(true);
    expect(Array.isArray(findPhones(text))).toBe(true);
  });

  test('a number at the cut is dropped whole, never shown in part', () => {
    const text = `${'kata '.repeat((MASK_READ_LIMIT - 7) / 5)}0812 3456 7890 selesai`;
    const out = maskText(text);
    expect(out).not.toMatch(/0812|3456|7890/);
    expect(out.endsWith(CUT_MARK)).toBe(true);
  });

  test('a real address and number are still found after a megabyte of noise', () => {
    const text = `${'x'.repeat(MB)} budi@gmail.com 0812 3456 7890`;
    expect(findEmails(text)).toEqual([{ start: MB + 1, end: MB + 15, kind: 'email' }]);
    expect(findPhones(text)).toHaveLength(1);
  });
});

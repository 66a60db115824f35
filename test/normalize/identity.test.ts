import { parseEmailSender } from '../../src/normalize/email-sender';
import { findPhoneInText } from '../../src/normalize/phone';
import {
  CROCKFORD_ALPHABET,
  findReferenceCodes,
  isReferenceCode,
  newReferenceCode,
} from '../../src/normalize/reference-codes';
import { parseStructured } from '../../src/normalize/structured';
import { toE164 } from '../../src/shared/phone-number';
import { sms } from './helpers';

describe('phones to E.164', () => {
  test.each([
    ['081245678901', '+6281245678901'],
    ['6281245678901', '+6281245678901'],
    ['+6281245678901', '+6281245678901'],
    ['+62 812-4000-1234', '+6281240001234'],
    ['0812 4000 1234', '+6281240001234'],
    ['whatsapp:+6281355512345', '+6281355512345'],
    ['WhatsApp:+6287812345678', '+6287812345678'],
    ['0062 852 9988 7766', '+6285299887766'],
    ['(0471) 21234', '+6247121234'],
    ['+60123456789', '+60123456789'],
  ])('%s → %s', (raw, want) => {
    expect(toE164(raw)).toBe(want);
  });
  test.each(['TELKOMSEL', 'INDOSAT', 'BRI', 'whatsapp:INFO', '123', '3636', '', 'Tri Indonesia'])(
    'not a phone: %p',
    (raw) => {
      expect(toE164(raw)).toBeNull();
    },
  );
  test('a number in an email signature', () => {
    expect(findPhoneInText('Hormat kami,\nBudi\nHP: 0812-4567-8901')).toBe('+6281245678901');
    expect(findPhoneInText('tidak ada nomor')).toBeNull();
  });
});

describe('email senders', () => {
  test.each([
    ['Ketua RT 05 Balandai <rt05.balandai@gmail.com>', 'rt05.balandai@gmail.com', 'Ketua RT 05 Balandai'],
    ['"Lurah Salekoe" <Kel.Salekoe@PalopoKota.go.id>', 'kel.salekoe@palopokota.go.id', 'Lurah Salekoe'],
    ['WargaPeduli88@Yahoo.co.id', 'wargapeduli88@yahoo.co.id', null],
    ['budi@example.com (Budi Santoso)', 'budi@example.com', 'Budi Santoso'],
    ['"Shironeko, Nyanko" <shironeko@example.jp>', 'shironeko@example.jp', 'Shironeko, Nyanko'],
    ['=?UTF-8?B?QnVkaSDwn5iK?= <budi@example.com>', 'budi@example.com', 'Budi 😊'],
    ['<>', null, null],
  ])('%s', (from, email, name) => {
    expect(parseEmailSender(from)).toEqual({ email, name });
  });
});

describe('reference codes', () => {
  test.each([
    ['STATUS HK-7Q3F2K', ['HK-7Q3F2K']],
    ['status hk-7q3f2k', ['HK-7Q3F2K']],
    ['HK 7Q3F2K', ['HK-7Q3F2K']],
    ['hk7q3f2k', ['HK-7Q3F2K']],
    ['kode: HK-4M9XR2 dan HK-7Q3F2K, HK-4M9XR2 lagi', ['HK-4M9XR2', 'HK-7Q3F2K']],
    ['HK-7Q3F2O typed with an O', ['HK-7Q3F20']],
    ['HK-7Q3F2KX is too long', []],
    ['CHK-7Q3F2K is another word', []],
    ['hk jadwal rapat', []],
    ['HK-7Q3F', []],
  ])('%s → %p', (text, codes) => {
    expect(findReferenceCodes(text)).toEqual(codes);
  });

  test('newReferenceCode takes its randomness as a parameter and uses the Crockford alphabet', () => {
    expect(newReferenceCode(() => new Uint8Array([0, 1, 31, 32, 255, 100]))).toBe('HK-01Z0Z4');
    const bytes = Uint8Array.from({ length: 6 }, (_, i) => i * 37);
    const code = newReferenceCode(() => bytes);
    expect(isReferenceCode(code)).toBe(true);
    expect(findReferenceCodes(`status ${code.toLowerCase()}`)).toEqual([code]);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
    expect(() => newReferenceCode(() => new Uint8Array(3))).toThrow();
  });

  test('every generated code reads back', () => {
    let seed = 7;
    const rand = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % 256;
      });
    for (let i = 0; i < 500; i++) {
      const code = newReferenceCode(rand);
      expect(findReferenceCodes(`STATUS ${code}`)).toEqual([code]);
    }
  });
});

describe('structured messages', () => {
  test('fields are split', () => {
    expect(parseStructured('KESBANG#tawuran#Ponjalae#pemuda saling lempar batu')).toEqual({
      keyword: 'KESBANG',
      category: 'tawuran',
      place: 'Ponjalae',
      body: 'pemuda saling lempar batu',
    });
    expect(parseStructured('lapor # bencana # kel binturu # banjir #2')?.body).toBe('banjir #2');
    expect(parseStructured('ada tawuran')).toBeNull();
  });

  test.each([
    ['KESBANG#konflik_sosial#Ponjalae#pemuda saling lempar batu', 'konflik_sosial', 'Ponjalae', 1],
    ['KESBANG#Unjuk rasa#Kel. Murante#warga kumpul di balai', 'unjuk_rasa', 'Murante', 1],
    ['LAPOR#penyakit_masyarakat#Kel. Batupasi#Judi togel di warung kopi RT 2', 'penyakit_masyarakat', 'Batupasi', 1],
    ['kesbang#tawuran#ponjale#pemuda saling lempar batu di dkt masjid', 'konflik_sosial', 'Ponjalae', undefined],
    ['LAPOR#miras#tobulung#anak muda minum ballo tiap malam', 'penyakit_masyarakat', "To'Bulung", undefined],
    ['LAPOR#xyz#tempat lain#ada kebakaran rumah di Kel. Lebang', 'bencana', 'Lebang', undefined],
  ])('%s', (text, category, kelurahan, confidence) => {
    const out = sms(text);
    expect(out.kind).toBe('report');
    expect(out.category).toBe(category);
    expect(out.location.kelurahan).toBe(kelurahan);
    if (confidence !== undefined) expect(out.categoryConfidence).toBe(confidence);
  });
});

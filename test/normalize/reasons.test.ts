/** The words that decided each field, as the normalizer returns them for staff; and linear time on a 1 MB word. */
import { categorize } from '../../src/normalize/category';
import { kindReasons } from '../../src/normalize/kind-reasons';
import { decidePriority } from '../../src/normalize/priority';
import { sms } from './helpers';

describe('reasons per field', () => {
  test('a clash with wounded people: category, priority and kind each say which words decided', () => {
    const out = sms('Tawuran antar pemuda di Kel. Ponjalae skrg, 2 org luka kena busur');
    expect(out.category).toBe('konflik_sosial');
    expect(out.priority).toBe('urgent');
    expect(out.reasons.category).toContain('tawuran');
    expect(out.reasons.priority).toEqual(expect.arrayContaining(['tawuran', 'skrg', 'luka']));
    expect(out.reasons.kind).toEqual(expect.arrayContaining(['tawuran', 'Ponjalae']));
  });

  test('a flood report asking for a rubber boat is urgent because of the boat and the water', () => {
    const out = sms('Kel. Sampoddo banjir, mohon dikirim perahu karet');
    expect(out.priority).toBe('urgent');
    expect(out.reasons.priority).toEqual(['banjir', 'perahu karet']);
    expect(out.reasons.category).toContain('banjir');
  });

  test('a demonstration announced for a date is a report of high priority, and says why', () => {
    const out = sms('Hari Senin mahasiswa akan demo di depan kantor DPRD tolak kenaikan BBM');
    expect(out).toMatchObject({ kind: 'report', category: 'unjuk_rasa', priority: 'high' });
    expect(out.reasons.priority).toEqual(['hari senin']);
  });

  test('polite words alone give no priority reason', () => {
    const out = sms('Tolong pak, mohon segera ditindaklanjuti, lampu jalan di Kel. Balandai mati');
    expect(out.priority).toBe('normal');
    expect(out.reasons.priority).toEqual([]);
  });

  test('a status query names the code and the question word; noise names nothing of the sender', () => {
    expect(sms('laporan HK-7Q3F2K sdh sampai mana?').reasons.kind).toEqual(['HK-7Q3F2K', 'sdh sampai']);
    const noise = sms('halo pak Budi 081234567890');
    expect(noise.kind).toBe('noise');
    expect(noise.reasons).toEqual({ kind: [], category: [], priority: [] });
  });

  test('not a report: no category or priority words', () => {
    const out = sms('Selamat! Anda mendapatkan bonus kuota 10GB, aktifkan di *123#', { from: 'TELKOMSEL' });
    expect(out.kind).toBe('noise');
    expect(out.reasons.kind).toEqual(['selamat! anda']);
    expect(out.reasons.category).toEqual([]);
    expect(out.reasons.priority).toEqual([]);
  });
});

describe('linear time on a 1 MB word', () => {
  // Quadratic backtracking on any of these would take hours and fail the test by its timeout.
  const words = [
    'a'.repeat(1_000_000),
    'bentrok'.repeat(150_000),
    'sejak'.repeat(200_000),
    `air${' masih'.repeat(1)}${'naik'.repeat(250_000)}`,
    'setinggi'.repeat(125_000),
  ];
  test.each(words.map((w) => [w.slice(0, 12), w] as const))('%s…', (_label, word) => {
    const lower = `tawuran skrg ${word} banjir perahu karet`;
    expect(decidePriority(lower, { kind: 'report', category: 'bencana' }).priority).toBe('urgent');
    expect(categorize(lower).category).toBe('bencana');
    expect(
      kindReasons({
        kind: 'status_query',
        text: word,
        referenceCodes: [],
        categoryKeywords: [],
        place: null,
        autoReplyReason: null,
        structured: false,
      }),
    ).toEqual([]);
  });
});

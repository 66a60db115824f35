/** The pure text builders and readers of the follow-up: acknowledgements, alerts, forwards, the daily summary. */
import { acknowledgementConfirmation, parseAcknowledgement } from '../../src/follow-up/acknowledgement-text';
import { alertText, firstWords } from '../../src/follow-up/alert-text';
import { buildDailySummary, type SummaryIncident } from '../../src/follow-up/daily-summary';
import { parseDays } from '../../src/follow-up/duty-input';
import { forwardText } from '../../src/follow-up/forward-text';

test.each([
  ['the plain form', 'OK HK-7Q3F2K', 'HK-7Q3F2K'],
  ['lowercase', 'ok hk-7q3f2k', 'HK-7Q3F2K'],
  ['"oke" with punctuation and thanks', 'Oke, HK-7Q3F2K. Terima kasih', 'HK-7Q3F2K'],
  ['"siap"', 'Siap HK 7Q3F2K', 'HK-7Q3F2K'],
  ['without "ok" it is not one (a status query)', 'STATUS HK-7Q3F2K', null],
  ['two codes are ambiguous', 'OK HK-7Q3F2K HK-8R4G3M', null],
  ['no code', 'ok', null],
  ['a long report that starts with ok is a report', `ok ${'ada tawuran besar '.repeat(6)} HK-7Q3F2K`, null],
  ['"okto…" is not "ok"', 'Oktober HK-7Q3F2K', null],
])('acknowledgement: %s', (_label, text, expected) => {
  expect(parseAcknowledgement(text)).toBe(expected);
});

test.each([
  [
    'the first "OK" is confirmed',
    { first: true, acknowledgedBy: 'Budi' },
    'terima kasih, Budi. HK-7Q3F2K tercatat Anda',
  ],
  ['the same officer again is confirmed again', { first: false, acknowledgedBy: 'Budi' }, 'terima kasih, Budi.'],
  ['a later "OK" names who took it', { first: false, acknowledgedBy: 'Andi' }, 'sudah lebih dulu diterima oleh Andi'],
])('answer to an acknowledgement: %s', (_label, a, expected) => {
  expect(acknowledgementConfirmation({ reference: 'HK-7Q3F2K', officer: 'Budi', ...a })).toContain(expected);
});

test.each([
  ['a range', '1-5', [1, 2, 3, 4, 5]],
  ['a list', '1,3,5', [1, 3, 5]],
  ['mixed and unordered', '6-7,1', [1, 6, 7]],
  ['empty = every day', '', []],
])('days: %s', (_label, input, expected) => {
  expect(parseDays(input)).toEqual(expected);
});
test('days out of range are refused', () => expect(() => parseDays('0-8')).toThrow(/1 = Senin/));

test('an alert carries the code, category, place, first words, link and how to answer', () => {
  const text = alertText({
    reference: 'HK-7Q3F2K',
    category: 'konflik_sosial',
    priority: 'urgent',
    kelurahan: 'Ammasangan',
    kecamatan: 'Wara',
    text: Array.from({ length: 40 }, (_, i) => `kata${i}`).join(' '),
    link: 'https://halo.example/incidents/7',
    level: 0,
    escalationMinutes: 10,
  });
  expect(text.split('\n')).toEqual([
    'PERINGATAN MENDESAK HK-7Q3F2K',
    'Konflik sosial / tawuran · Kel. Ammasangan, Kec. Wara',
    `"${firstWords(Array.from({ length: 40 }, (_, i) => `kata${i}`).join(' '))}"`,
    'https://halo.example/incidents/7',
    'Balas "OK HK-7Q3F2K" bila sudah ditangani.',
  ]);
  expect(firstWords('a b c', 2)).toBe('a b …');
});

describe('forward text', () => {
  const facts = {
    reference: 'HK-7Q3F2K',
    title: 'Tawuran di Ammasangan',
    summary: 'Saya Rahmat Hidayat (0812-3456-8901, rahmat@gmail.com) melihat tawuran',
    category: 'konflik_sosial',
    priority: 'urgent',
    kelurahan: 'Ammasangan',
    kecamatan: 'Wara',
    rt: '2',
    rw: null,
    street: 'Jl. Andi Djemma',
    receivedAt: '12 Mei 2025 21.05',
    reporter: { name: 'Rahmat Hidayat', phone: '+6281234568901', email: null },
    note: 'Mohon pengamanan',
    includeReporter: false,
  };
  test('without the reporter: name, phone and email masked in the words too', () => {
    const text = forwardText(facts);
    expect(text).not.toMatch(/Rahmat|3456-8901|rahmat@gmail/);
    expect(text).toContain('[pelapor]');
    expect(text).toContain('Lokasi: Kel. Ammasangan, Kec. Wara, RT 2/RW –, Jl. Andi Djemma');
    expect(text).toContain('Catatan petugas: Mohon pengamanan');
  });
  test('with the reporter: identity included', () => {
    const text = forwardText({ ...facts, includeReporter: true });
    expect(text).toContain('Pelapor: Rahmat Hidayat, +6281234568901');
    expect(text).toContain('0812-3456-8901');
  });
});

test('the daily summary counts by category and kecamatan, lists urgent and overdue ones', () => {
  const base: SummaryIncident = {
    id: '1',
    reference: 'HK-AAAAAA',
    title: 'Tawuran',
    category: 'konflik_sosial',
    priority: 'urgent',
    status: 'new',
    kelurahan: 'Ammasangan',
    kecamatan: 'Wara',
    dueAt: null,
  };
  const s = buildDailySummary({
    date: '2025-05-13',
    newIncidents: [
      base,
      { ...base, id: '2', reference: 'HK-BBBBBB', priority: 'normal', kecamatan: 'Bara', kelurahan: null },
      { ...base, id: '3', reference: 'HK-CCCCCC', priority: 'low', category: null, kecamatan: null, kelurahan: null },
    ],
    overdue: [{ ...base, id: '9', reference: 'HK-ZZZZZZ', dueAt: new Date('2025-05-12T23:00:00Z') }],
    publicUrl: 'https://halo.example',
    now: new Date('2025-05-13T02:00:00Z'),
  });
  expect(s.subject).toBe('Ringkasan harian Halo Kesbang 2025-05-13: 3 laporan baru, 1 mendesak, 1 lewat tenggat');
  expect(s.body).toContain('- Konflik sosial / tawuran: 2\n- Belum dikategorikan: 1');
  expect(s.body).toContain('- Bara: 1\n- Tidak diketahui: 1\n- Wara: 1');
  expect(s.body).toContain(
    'Mendesak (1):\n- HK-AAAAAA Tawuran · Kel. Ammasangan, Kec. Wara · https://halo.example/incidents/1',
  );
  expect(s.body).toContain(
    'HK-ZZZZZZ Tawuran · Kel. Ammasangan, Kec. Wara · https://halo.example/incidents/9 · terlambat 3 jam',
  );
});

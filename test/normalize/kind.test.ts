import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalize } from '../../src/normalize';
import { detectAutoReply } from '../../src/normalize/kind';
import { CTX, RECEIVED, sms } from './helpers';

/** Minimal header reader for the fixture mails: unfolds continuation lines, lowercases names. */
function readEml(file: string) {
  const raw = readFileSync(file, 'latin1');
  const cut = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, cut).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string[]> = {};
  for (const line of head.split(/\r?\n/)) {
    const m = /^([^:\s]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    headers[name] = [...(headers[name] ?? []), m[2]!];
  }
  return { headers, from: headers.from?.[0] ?? '', subject: headers.subject?.[0] ?? '', text: raw.slice(cut).trim() };
}
const MAIL = path.join(__dirname, 'fixtures', 'mail');

describe('noise', () => {
  test.each([
    ['tes'],
    ['Tes tes'],
    ['test 123'],
    ['halo'],
    ['P'],
    ['Assalamualaikum'],
    ['Selamat pagi pak'],
    ['Selamat pagi pak, terima kasih atas tindak lanjutnya kemarin'],
    ['Terima kasih pak atas responnya'],
    ['makasih bnyk pak laporan sy sdh ditindaklanjuti'],
    ['ok siap pak'],
    ['Selamat! Nomor Anda terpilih mendapatkan hadiah undian 100jt. Klik bit.ly/xxx'],
  ])('%s', (text) => {
    const out = sms(text);
    expect(out.kind).toBe('noise');
    expect(out).toMatchObject({ category: null, priority: 'low', categoryConfidence: 0 });
  });

  test.each([
    ['INDOSAT', 'Selamat! Anda mendapatkan bonus kuota 10GB. Aktifkan skrg di *123# . Promo berlaku hingga 30/11'],
    ['TELKOMSEL', 'Sisa pulsa Anda Rp2.500. Masa aktif s.d 25-11-2026. Isi ulang sekarang di *888#'],
    ['AXIS', 'Nikmati paket internet 20GB hanya Rp25rb. Aktifkan sekarang!'],
    ['INFO', 'Pelanggan Yth, tagihan Anda bulan ini Rp 150.000 jatuh tempo 25/11'],
  ])('operator message from %s', (from, text) => {
    const out = sms(text, { from });
    expect(out.kind).toBe('noise');
    expect(out.reporter.phone).toBeNull();
  });

  test('a greeting followed by a real report is a report', () => {
    expect(sms('Selamat pagi pak, tadi malam ada tawuran di Kel. Benteng').kind).toBe('report');
  });
  test('thanks with new trouble is a report', () => {
    expect(sms('Terima kasih pak, tapi malam ini tawuran terjadi lagi di Ponjalae').kind).toBe('report');
  });
  test('a non-report still reads place, reporter and codes', () => {
    const out = sms('tes dari Kel. Ponjalae', { from: '+62 812-4000-1234' });
    expect(out.kind).toBe('noise');
    expect(out.location.kelurahan).toBe('Ponjalae');
    expect(out.reporter.phone).toBe('+6281240001234');
  });
});

describe('status queries', () => {
  test.each([
    ['STATUS HK-7Q3F2K', 'HK-7Q3F2K'],
    ['status hk 4m9xr2', 'HK-4M9XR2'],
    ['hk-7q3f2k', 'HK-7Q3F2K'],
    ['HK7Q3F2K?', 'HK-7Q3F2K'],
    [
      'Slmt siang pak. Sy mau tanya, laporan sy minggu lalu soal miras di Sendana sdh sampai mana ya? kode HK-4M9XR2',
      'HK-4M9XR2',
    ],
    ['Kapan ya laporan HK-9ZK2P7 diproses pak', 'HK-9ZK2P7'],
    ['HK-7Q3F2K gmn pak', 'HK-7Q3F2K'],
  ])('%s', (text, code) => {
    const out = sms(text);
    expect(out.kind).toBe('status_query');
    expect(out.referenceCodes).toContain(code);
    expect(out).toMatchObject({ category: null, priority: 'low', categoryConfidence: 0 });
  });
  test('without a code, a question about "laporan saya" is a status query', () => {
    expect(sms('laporan sy ttg balap liar bln lalu blm ada tindak lanjutnya pak?').kind).toBe('status_query');
    // A place's abbreviation point does not end the question ("Kel. Mawa").
    expect(sms('laporan kami soal judi di Kel. Mawa sdh ditindaklanjuti atau blm?').kind).toBe('status_query');
  });
  test('a new incident told in full, quoting the thread code, is a report', () => {
    const out = sms(
      'Lanjutan HK-7Q3F2K: malam ini tawuran terjadi lagi di Kel. Ponjalae, pemuda saling lempar batu dan bawa busur, ' +
        'sdh 2 org luka kena anak panah, warga panik dan banyak yg mengungsi ke rumah keluarga di kelurahan lain',
    );
    expect(out.kind).toBe('report');
    expect(out.referenceCodes).toEqual(['HK-7Q3F2K']);
  });
});

describe('auto replies (email headers)', () => {
  const base = { from: 'Someone <someone@example.com>', subject: 'Laporan', text: 'Isi pesan' };
  test.each<[string, Record<string, string | string[]>]>([
    ['multipart/report', { 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' }],
    ['message/delivery-status', { 'content-type': 'message/delivery-status' }],
    ['ARF feedback report', { 'content-type': 'multipart/report; report-type=feedback-report' }],
    ['Return-Path <>', { 'return-path': '<>' }],
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated (failure)', { 'auto-submitted': 'auto-generated (failure)' }],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Auto reply' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: junk', { precedence: 'junk' }],
    ['X-Failed-Recipients', { 'x-failed-recipients': 'a@b.c' }],
  ])('%s', (_label, headers) => {
    expect(detectAutoReply({ ...base, headers })).toMatchObject({ autoReply: true, doNotAutoReply: true });
  });

  test.each([
    ['Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>', 'Returned mail'],
    ['postmaster@example.org', 'Notice'],
    ['no-reply@bank.co.id', 'Tagihan'],
    ['Layanan <noreply@layanan.go.id>', 'Informasi'],
  ])('machine sender %s', (from, subject) => {
    expect(detectAutoReply({ from, subject, text: 'x' }).autoReply).toBe(true);
  });

  test.each([
    'Auto reply: Laporan',
    'Automatic reply: Laporan warga',
    'Out of Office: sedang dinas luar',
    'Undeliverable: Laporan tawuran',
    'Delivery Status Notification (Failure)',
    'Mail delivery failed: returning message to sender',
    'Balasan otomatis: Laporan',
  ])('subject %s', (subject) => {
    expect(detectAutoReply({ from: 'Budi <budi@example.com>', subject, text: 'x' }).autoReply).toBe(true);
  });

  test('Auto-Submitted: no is a person', () => {
    expect(detectAutoReply({ ...base, headers: { 'auto-submitted': 'no' } }).autoReply).toBe(false);
  });

  test.each<[string, Record<string, string>]>([
    ['Precedence: list', { precedence: 'list' }],
    ['X-Auto-Response-Suppress', { 'x-auto-response-suppress': 'All' }],
    ['List-Id', { 'list-id': '<warga.palopo.example.org>' }],
  ])('%s: read like any other mail, never auto-answered', (_label, headers) => {
    const out = normalize(
      {
        channel: 'email',
        from: 'Warga <warga@example.org>',
        subject: 'Tawuran',
        text: 'Ada tawuran di Kel. Ponjalae skrg',
        receivedAt: RECEIVED,
        headers,
      },
      CTX,
    );
    expect(out.kind).toBe('report');
    expect(out.category).toBe('konflik_sosial');
    expect(out.doNotAutoReply).toBe(true);
  });

  test('an ordinary email may be answered', () => {
    const out = normalize(
      { channel: 'email', from: 'a@b.id', subject: 'Banjir', text: 'Banjir di Kel. Binturu', receivedAt: RECEIVED },
      CTX,
    );
    expect(out.doNotAutoReply).toBe(false);
  });

  test.each(readdirSync(MAIL).filter((f) => f.endsWith('.eml') && f !== 'forwarded-bounce.eml'))(
    'captured bounce %s is auto_reply, never an incident',
    (file) => {
      const m = readEml(path.join(MAIL, file));
      const out = normalize({ channel: 'email', ...m, receivedAt: RECEIVED }, CTX);
      expect(out).toMatchObject({ kind: 'auto_reply', category: null, priority: 'low', doNotAutoReply: true });
    },
  );

  test('a person forwarding a bounce is a person', () => {
    const m = readEml(path.join(MAIL, 'forwarded-bounce.eml'));
    expect(detectAutoReply(m).autoReply).toBe(false);
    const out = normalize({ channel: 'email', ...m, receivedAt: RECEIVED }, CTX);
    expect(out.kind).not.toBe('auto_reply');
    expect(out.reporter).toMatchObject({ email: 'shironeko@example.jp', name: 'Shironeko, Nyanko' });
  });

  test('SMS is never an auto reply, whatever it says', () => {
    expect(sms('Auto reply: saya sedang cuti').kind).not.toBe('auto_reply');
  });
});

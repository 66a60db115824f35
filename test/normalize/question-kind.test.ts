/**
 * The kind `question` (a question to the office, answered with a help text) and "STATUS" without a code, as the
 * normalizer reads them; and the words by which a reporter says a message is another report.
 */
import { saysNewReport } from '../../src/normalize/conversation-signals';
import { sms } from './helpers';

describe('questions to the office', () => {
  test.each([
    ['mau tanya cara buat laporan', 'how_to_report'],
    ['Pak, gimana caranya melapor kalau ada keributan?', 'how_to_report'],
    ['apakah bisa lapor lewat wa?', 'how_to_report'],
    ['Pak kantor kesbang buka jam berapa ya hari sabtu?', 'office_hours'],
    ['Kantor Kesbang hr minggu buka gak pak?', 'office_hours'],
    ['Pak minta info nomor kantor kesbang dan alamatnya dmn ya', 'office_hours'],
    ['halo kesbang itu apa ya?', 'about'],
    ['maaf ini nomor apa ya', 'about'],
    // Regression: a how-to question naming what one would report was read as a report of it.
    ['gimana cara lapor tawuran pak?', 'how_to_report'],
    ['kalau mau melaporkan judi online caranya gmn?', 'how_to_report'],
    ['dimana kantor kesbangpol pak?', 'office_hours'],
    // Asked at length, supposing an event, or about what one arranges at the office.
    [
      'Selamat siang, saya ingin bertanya bagaimana prosedur melaporkan kegiatan aliran sesat di lingkungan kami, apakah harus datang langsung atau cukup lewat pesan?',
      'how_to_report',
    ],
    ['kalau mau lapor kejadian harus bawa ktp ya?', 'how_to_report'],
    ['nomor ini bisa dipakai lapor judi kah?', 'how_to_report'],
    ['klo ada demo mau minta surat pengamanan, ngurusnya dimana?', 'office_hours'],
    ['mau tanya, klo mau mendaftarkan ormas syaratnya apa?', 'office_hours'],
    ['apakah pesan lewat wa ini dibaca langsung petugas?', 'about'],
    ['ini nomor resmi kesbangpol kah?', 'about'],
    ['apakah bisa minta nomor wa petugas piket?', 'office_hours'],
    ['untuk laporan lewat email alamatnya apa?', 'office_hours'],
    ['bisa lapor lewat telpon tdk pak?', 'how_to_report'],
    ['apakah identitas pelapor dirahasiakan?', 'about'],
    ['klo mau jadi anggota FKDM gimana caranya pak?', 'office_hours'],
  ])('%s → question (%s)', (text, topic) => {
    const out = sms(text);
    expect(out).toMatchObject({ kind: 'question', questionTopic: topic, category: null, priority: 'low' });
    expect(out.title).toMatch(/^Pertanyaan: /);
  });

  test.each(['gmn cara lapor, ada tawuran di Kel. Benteng', 'gimana cara lapor tawuran yg td mlm di lapangan'])(
    'a how-to question that tells an event is a report: %s',
    (text) => {
      expect(sms(text).kind).toBe('report');
    },
  );

  test('a statement about an office that closed is a report, not a question about office hours', () => {
    expect(sms('warga segel kantor lurah Battang krn kecewa soal bansos, skrg kantor tutup').kind).toBe('report');
  });

  test('a long report quoting a code that tells new facts is a report', () => {
    const text =
      'Menindaklanjuti laporan kami (kode HK-7Q3F2K), kami sampaikan perkembangan bahwa tim sukses caleg kembali membagikan amplop berisi uang kepada warga malam ini di Kelurahan Ponjalae, dan kami sudah mencatat nama para penerima serta mengumpulkan foto sebagai bukti untuk panwas.';
    expect(sms(text)).toMatchObject({ kind: 'report', category: 'politik_pemilu' });
    expect(sms('HK-7Q3F2K bagaimana perkembangannya pak?').kind).toBe('status_query');
  });

  test('a report told with a question is a report', () => {
    const out = sms('Mau tanya cara lapor, ini ada tawuran pemuda di Kel. Ponjalae, saling lempar batu');
    expect(out.kind).toBe('report');
    expect(out.questionTopic).toBeUndefined();
  });

  test.each(['tes', 'halo', 'Terima kasih pak'])('"%s" stays noise', (text) => {
    expect(sms(text).kind).toBe('noise');
  });
});

describe('STATUS without a code', () => {
  test('a reporter who already reported asks why nothing happened', () => {
    expect(sms('sy sdh lapor soal pohon tumbang kmrn tp blm ada yg datang, gmn ini?').kind).toBe('status_query');
    expect(sms('sy sdh lapor ke polsek tp blm ada yg datang, gmn ini?').kind).toBe('report');
  });

  test('asked first and with a question mark, it asks however much of the report it repeats', () => {
    expect(sms('gimana laporan kami soal judi sabung ayam kmrn pak?').kind).toBe('status_query');
  });

  test.each(['STATUS', 'status?', 'Cek status', 'status laporan saya', 'STATUS LAPORAN SY'])(
    '%s → status_query',
    (t) => {
      const out = sms(t);
      expect(out.kind).toBe('status_query');
      expect(out.referenceCodes).toEqual([]);
    },
  );

  test('a report that mentions a status is still a report', () => {
    expect(sms('status jalan di Kel. Balandai ditutup warga, ada blokade dan bakar ban').kind).toBe('report');
  });
});

describe('another report, not a follow-up', () => {
  test.each([
    ['Laporan baru pak, ada pencurian motor di Kel. Balandai', true],
    ['ada lagi pak, kejadian lain di pasar', true],
    ['kejadian lain: rumah terbakar', true],
    ['skrg sdh 3 org luka, polisi blm datang', false],
    ['mereka bawa parang', false],
  ])('%s → %s', (text, expected) => {
    expect(saysNewReport(text.toLowerCase())).toBe(expected);
  });

  test('long words without spaces are read in linear time (bounded patterns)', () => {
    const long = `${'a'.repeat(200_000)} cara lapor`;
    expect(saysNewReport(long)).toBe(false);
    expect(sms(long).kind).not.toBe('auto_reply');
  });
});

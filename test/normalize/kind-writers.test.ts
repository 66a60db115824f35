/**
 * Kind rules for the patterns another writer uses: questions about the service itself (whether it takes a matter,
 * where to report, the format, the cost, whether the reporter stays unnamed), what one arranges at the office
 * (procedures and requirements of a letter, a registration, a data request; joining the FKDM), who heads the
 * office, formal letters that say they ask; the earlier report asked after without a code; thanks, good wishes,
 * forwarded greeting cards, loan offers and messages meant for family or friends as noise. Sentences written for
 * the rules.
 */
import { sms } from './helpers';

const email = (subject: string, text: string) => sms(text, { channel: 'email', from: 'warga@example.com', subject });

describe('questions to the office, however they are put', () => {
  test.each([
    ['apakah nomor ini bisa dipakai utk lapor kebakaran hutan jg atau khusus keamanan?', 'how_to_report'],
    ['kalau ada judi sabung ayam di kampung, sy lapor kemana pak?', 'how_to_report'],
    ['pak klo ada bentrok antar lorong lapornya ke nomor ini atau ke polsek?', 'how_to_report'],
    ['format laporan mingguan RT itu bgmn pak?', 'how_to_report'],
    ['kirim laporan lewat sms ini ada biayanya kah?', 'about'],
    ['kalau sy lapor soal narkoba di lorong sy, nama pelapor dirahasiakan ji kah?', 'about'],
    ['forum FKDM kapan buka pendaftaran anggota? sy mau gabung', 'office_hours'],
    ['siapa nama kepala kesbangpol yg baru? mau kirim undangan', 'about'],
    ['pak, contoh surat pemberitahuan unjuk rasa itu seperti apa?', 'office_hours'],
  ])('%s → question (%s)', (text, topic) => {
    expect(sms(text)).toMatchObject({ kind: 'question', questionTopic: topic });
  });

  test('a formal letter that says it asks about a procedure, however long', () => {
    const out = email(
      'Permohonan informasi',
      'Dengan hormat,\nKami dari himpunan mahasiswa berencana menggelar aksi damai di depan DPRD bulan depan. ' +
        'Kami ingin menanyakan tata cara pemberitahuan unjuk rasa, kepada siapa surat ditujukan dan berapa hari ' +
        'sebelumnya harus disampaikan.\nTerima kasih.\nKetua Himpunan',
    );
    expect(out.kind).toBe('question');
  });

  test('a research request asking for data and its procedure', () => {
    const out = email(
      'Permohonan data',
      'Yth. Kepala Kesbangpol, saya mahasiswa yang sedang menyusun tesis tentang konflik sosial di Palopo. ' +
        'Mohon informasi prosedur permohonan data kejadian konflik per kelurahan tahun lalu. Hormat saya, Rina',
    );
    expect(out.kind).toBe('question');
  });

  test('a report told with a question about the service stays a report', () => {
    expect(sms('skrg ada tawuran di Kel. Ponjalae, lapor ke nomor ini atau polisi?').kind).toBe('report');
    expect(sms('di lorong kami ada keributan tiap malam, lapor kemana ya?').kind).toBe('report');
  });
});

describe('the earlier report asked after, no code', () => {
  test.each([
    'sy mau cek laporan sy minggu lalu',
    'Dengan hormat, saya ingin menanyakan perkembangan laporan saya soal pungli di pasar. Terima kasih.',
  ])('%s', (text) => {
    expect(sms(text).kind).toBe('status_query');
  });
});

describe('noise: thanks, wishes, greeting cards, loan offers, messages meant for someone else', () => {
  test.each([
    'trimakasih banyak pak, sdh dibantu',
    'selamat malam pak, semoga selalu sehat dan lancar tugasnya',
    'Selamat Hari Pahlawan 10 November, jasamu abadi 🇮🇩 (diteruskan)',
    'Pinjaman tunai tanpa jaminan, cair hari ini, bunga ringan. hub 0812 0000 1111',
    'ma, sy nginap di rumah teman, jgn kunci pintu',
    'besok jadi ji ke kebun ces?',
  ])('%s', (text) => {
    expect(sms(text).kind).toBe('noise');
  });

  test('a word that can be the subject is a vocative only before a comma', () => {
    expect(sms('ayah sy jatuh di kamar mandi, tdk bisa bangun, tolong').kind).toBe('report');
    expect(sms('ayah, sy pulang terlambat malam ini').kind).toBe('noise');
  });

  test('thanks for a visit that says it is over is noise; thanks followed by what is still wrong is a report', () => {
    expect(
      email('Terima kasih', 'Terima kasih pak, petugas sudah datang tadi dan semuanya sudah beres. Salam').kind,
    ).toBe('noise');
    expect(sms('terima kasih pak, tapi jalan di lorong kami msh gelap krn lampu jalan mati').kind).toBe('report');
  });
});

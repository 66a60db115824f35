/**
 * Category rules for the patterns another writer uses (docs/normalizer.md, "What it decides"): landmarks named
 * after list words, voters' lists, slopes that move, a crowd set on a house, a match that turns into shoving,
 * a blockade to press a demand, suspected bombs, rumours asked about, prevention asked for, the neighbourhood
 * watch, a person missing, a tyre burnt by youths who gather to attack. The sentences are written for the rules.
 */
import { categorize } from '../../src/normalize/category';
import { sms } from './helpers';

describe('category: patterns of another writer', () => {
  test.each([
    // A landmark named after a word of the lists is a place, not an ideology.
    ['ada copet beraksi di keramaian lapangan pancasila td sore, dompet ibu2 diambil', 'kriminalitas'],
    ['konser di taman pancasila malam ini, penonton mabuk ballo', 'penyakit_masyarakat'],
    // The voters' list.
    ['daftar pemilih di kelurahan kami byk yg fiktif, ada nama anak kecil', 'politik_pemilu'],
    ['data pemilih di RW 2 kacau, org yg sdh pindah 3 thn lalu msh terdaftar', 'politik_pemilu'],
    // A slope that moves and rumbles.
    ['bukit di atas kampung kami bunyi gemuruh dr tadi, tanahnya bergerak pelan', 'bencana'],
    // A crowd set on a house; a group paying back a blow.
    ['pemuda lorong sebelah mau serang rumah org yg tikam temannya', 'konflik_sosial'],
    ['pemuda kampung atas mau balas anak kampung bawah krn adiknya dipukul', 'konflik_sosial'],
    // A match that turns into shoving.
    ['turnamen bola antar lorong ricuh, pemain dan penonton saling dorong di lapangan', 'konflik_sosial'],
    // A road closed to press a demand.
    ['warga pasang portal di jalan poros, tuntut lampu jalan dipasang, kendaraan tertahan', 'unjuk_rasa'],
    ['beredar seruan aksi tolak kenaikan tarif air hari senin di kantor pdam', 'unjuk_rasa'],
    // Suspected bombs.
    ['ada ransel mencurigakan di kolong kursi ruang tunggu terminal, tdk ada yg punya', 'radikalisme'],
    ['penghuni kos baru sangat tertutup, tiap malam angkut karung pupuk urea dan bahan kimia ke kamar', 'radikalisme'],
    // Hatred of the state preached.
    ['ada pertemuan tertutup di rumah kontrakan, isinya ajak pemuda benci pemerintah', 'radikalisme'],
    // A rumour asked about.
    ['ada vn beredar bilang air pdam diracun, benarkah?', 'hoaks'],
    ['isu di grup wa katanya ada gempa susulan besar jam 2 nanti, mohon klarifikasi', 'hoaks'],
    // A rumour heard, not passed on online, asked about: what it is about decides.
    ['ada isu tawuran nanti malam di lorong sebelah, benarkah?', 'konflik_sosial'],
    ['warga hajar tukang sayur keliling krn dikira pencuri anak gara2 pesan berantai di grup wa', 'hoaks'],
    // Prevention asked for is no event.
    ['situasi kondusif, warga minta penyuluhan bahaya narkoba utk remaja masjid', 'lainnya'],
    ['penyuluhan anti narkoba di aula kelurahan td pagi, pesertanya ramai', 'lainnya'],
    ['ronda malam di lingkungan kami sdh jalan lg, pemuda bergantian jaga pos kamling', 'lainnya'],
    // A newcomer group set against natives, a house of prayer nearby.
    ['warga pendatang dan warga asli cekcok soal babi peliharaan yg masuk halaman masjid', 'sara'],
    // Machines sent onto land people hold.
    ['ekskavator perusahaan gali kebun cengkeh warga tanpa izin, warga berjaga bawa parang', 'sengketa_lahan'],
    // Someone about to take their life; a child missing.
    ['ada pemuda mau lompat dr atas menara air, keluarganya menangis di bawah', 'lainnya'],
    ['balita umur 3 thn hilang dr rumah neneknya sejak siang, blm ketemu', 'lainnya'],
    // An illegal parking attendant is extortion however politely told.
    ['tolong tertibkan jukir liar di depan minimarket, minta 5 ribu sekali parkir', 'kriminalitas'],
    // A tyre burnt by youths who gather to attack: their clash, not a demonstration.
    ['anak2 muda kumpul bawa busur dan papporo mau serang kelompok sebelah, sdh ada yg bakar ban', 'konflik_sosial'],
  ])('%s → %s', (text, category) => {
    expect(sms(text).category).toBe(category);
  });

  test('a tyre burnt at a demonstration is still a demonstration', () => {
    expect(categorize('mahasiswa demo di bundaran, bakar ban dan bentrok dgn aparat').category).toBe('unjuk_rasa');
  });

  test('answering a message is no retaliation', () => {
    expect(sms('sy mau balas pesan bapak kemarin, kapan bisa ketemu?').category).not.toBe('konflik_sosial');
  });

  test('one weak word of these lists alone is no category', () => {
    expect(categorize('penonton konser membludak sampai ke jalan').category).toBe('lainnya');
    expect(categorize('harga pupuk urea naik di kios tani').category).toBe('lainnya');
  });
});

import type { Category } from '../../src/core/normalized-message';
import { categorize, categoryFromField, roots } from '../../src/normalize/category';
import { sms } from './helpers';

const CASES: Record<Category, string[]> = {
  konflik_sosial: [
    'Ada tawuran antar pemuda di Kel. Ponjalae, ada yg bawa busur',
    'pak tlg skrg ada perang batu antar lorong dkt pasar',
    'Kelompok pemuda dari dua kampung saling serang pakai anak panah dan papporo',
    'Geng motor keroyok 2 pelajar di jln lingkar td mlm',
    'bentrok suporter bola stlh pertandingan, saling lempar batu',
    'Pemuda RW 3 dan RW 5 saling ancam mau serang malam ini',
    'Keributan antar kelompok silat di lapangan, bbrp org luka',
    'Ada yg rakit senjata rakitan utk persiapan perang kelompok',
  ],
  unjuk_rasa: [
    'Besok jam 10 pagi mahasiswa mau demo di depan kantor DPRD',
    'Ada pembakaran ban & orasi di depan kantor walikota, massa mulai ricuh',
    'Warga akan memblokade jalan poros menolak tambang',
    'Buruh pabrik mogok kerja, tuntut gaji dibayar',
    'Rencana aksi unjuk rasa aliansi petani hari Senin di kantor camat',
    'Demo tolak kenaikan BBM berujung bentrok dgn aparat, polisi tembakkan gas air mata',
  ],
  sara: [
    'Rumah ibadah yg sedang dibangun ditolak sebagian warga',
    'Ada pengajian tertutup isinya mengkafirkan kelompok lain',
    'Ada aliran sesat di kampung kami, warga mau bubarkan',
    'Penceramah menghina agama lain di masjid, jemaah resah',
    'Ketegangan antar suku pendatang dan warga lokal di pasar',
    'Ada penolakan warga thd pembangunan gereja, ketegangan antar umat meningkat',
  ],
  radikalisme: [
    'Selebaran ajakan bergabung dgn kelompok yg menolak Pancasila ditemukan di masjid',
    'Ada kelompok yg ajarkan pemerintah thagut dan wajib tegakkan khilafah',
    'Anak2 sekolah dilarang hormat bendera oleh gurunya, katanya haram',
    'Ada bendera ISIS dipasang di rumah warga',
    'Diduga ada jaringan teroris kontrak rumah di lorong kami, sering rakit bom',
  ],
  penyakit_masyarakat: [
    'Tadi malam ada pesta miras di pos ronda, anak2 muda mabuk',
    'Ada penjualan ballo di warung dkt sekolah',
    'Transaksi sabu di rumah kosong blkg SMP',
    'Judi sabung ayam tiap sore di kebun belakang',
    'Balapan liar tiap malam minggu di jalan poros',
    'Togel dan judi online merajalela di warkop',
    'anak2 isap lem di kolong jembatan',
    'Ada tuak oplosan dijual bebas, sdh ada yg keracunan',
  ],
  kriminalitas: [
    'Ada pencurian motor di depan masjid tadi subuh',
    'Begal di jalan poros semalam, korban dibacok',
    'Preman minta pungli ke sopir angkot di terminal',
    'Rumah warga dibobol maling saat ditinggal mudik',
    'Penipuan berkedok arisan online, korbannya puluhan org',
    'Ada jambret tas ibu2 di pasar pagi ini',
  ],
  politik_pemilu: [
    'Jelang pilkada ada tim sukses calon bagi2 amplop ke warga',
    'Ada ASN yg ikut kampanye terang2an pakai seragam dinas',
    'Caleg partai X bagi sembako ke warga, jelas politik uang',
    'Kotak suara di TPS 05 dibuka sebelum waktunya',
    'Kepala lingkungan ajak warga coblos paslon nomor 2',
  ],
  hoaks: [
    'Ada yg sebar berita hoax di fb katanya ada penculikan anak',
    'Ada akun IG yg posting ujaran kebencian ke suku tertentu',
    'Pesan berantai di grup WA bilang air PDAM diracun, itu tidak benar',
    'Video viral di tiktok fitnah pak lurah, bikin warga marah',
    'Beredar kabar bohong soal gempa susulan malam ini',
  ],
  sengketa_lahan: [
    'Warga 2 kelurahan bersitegang soal batas lahan kebun, hampir bentrok',
    'Sengketa tanah warisan antar keluarga, sdh saling patok',
    'Warga tuntut ganti rugi lahan yg dipakai perusahaan tambang',
    'Ada penyerobotan tanah adat oleh pengusaha sawit',
    'Warga klaim lahan fasum jd miliknya dan dipagari',
  ],
  bencana: [
    'Kebakaran rumah warga di Lorong Manunggal!! api msh besar',
    'Banjir setinggi lutut, air msh naik',
    'Longsor menutup jalan ke kelurahan, kendaraan tdk bisa lewat',
    'Pohon tumbang menimpa rumah stlh hujan angin',
    'Gempa terasa kuat barusan, dinding rumah retak',
    'Angin puting beliung rusak 10 rumah warga',
  ],
  ormas: [
    'Akan ada deklarasi ormas baru yg belum terdaftar hari Minggu',
    'Ormas pasang plang dan minta uang keamanan ke pedagang',
    'LSM abal2 tanpa SKT datangi kantor lurah minta proyek',
  ],
  orang_asing: [
    'Ada warga negara asing tinggal di rumah kos sdh 2 bln tdk lapor',
    'Ada 3 org bule tinggal di penginapan dkt pelabuhan',
    'Ada tenaga kerja asing dr China di proyek tambang',
    'WNA overstay kerja di kapal ikan',
  ],
  lainnya: [
    'Melaporkan situasi wilayah aman dan kondusif, tidak ada kejadian menonjol',
    'Jalan di kelurahan kami rusak parah sdh 3 bulan, banyak lubang',
    'Lampu jalan di lorong kami mati sdh seminggu, gelap sekali',
  ],
};

describe('category of real-looking reports', () => {
  for (const [category, texts] of Object.entries(CASES)) {
    test.each(texts)(`${category}: %s`, (text) => {
      const out = sms(text);
      expect(out.kind).toBe('report');
      expect(out.category).toBe(category);
    });
  }
});

describe('routing rules when a report fits two categories', () => {
  test.each([
    ['Demo mahasiswa berujung bentrok dgn polisi, saling lempar batu', 'unjuk_rasa', 'a demo that turns into a clash'],
    ['Tawuran pemuda pakai busur dan anak panah, 1 org luka', 'konflik_sosial', 'a tawuran with arrows'],
    ['Gara2 hoaks penculikan di fb, warga keroyok org yg dituduh', 'hoaks', 'a hoax that led to a beating'],
    ['bentrok ormas vs warga di pasar, ada yg luka kena parang', 'konflik_sosial', 'a clash involving an ormas'],
    ['Selebaran menolak Pancasila ditemukan di masjid', 'radikalisme', 'radical leaflets in a mosque'],
    ['Transaksi sabu, sering org asing keluar masuk', 'penyakit_masyarakat', 'strangers are not foreigners'],
    ['Warga menolak tambang akan blokade jalan hari Senin', 'unjuk_rasa', 'a mass action about a mine'],
    ['Akun fb posting ujaran kebencian ke agama lain', 'hoaks', 'hate speech spread online'],
    ['Dua keluarga ribut soal tanah warisan, saling ancam pakai badik', 'sengketa_lahan', 'what a quarrel is about'],
    ['Bentrok antar kampung soal tapal batas, skrg saling serang', 'konflik_sosial', 'a clash about land'],
    ['ada odgj ngamuk lempar batu ke kendaraan lewat', 'lainnya', 'one troubled person is no clash'],
    ['Ada spanduk usir pendatang dipasang di pertigaan', 'sara', 'a banner in the street is not online'],
    ['Pemuda konvoi bawa samurai dan celurit keliling kampung', 'konflik_sosial', 'blades carried by a group'],
    ['Nelayan hilang di laut sejak kemarin, keluarga msh mencari', 'lainnya', 'a missing person'],
    ['warga dari dua agama sdh saling lempar batu di depan gereja', 'sara', 'groups named by their faith'],
    ['kaca mobil sy dilempar batu org tdk dikenal semalam, sdh lapor polsek', 'kriminalitas', 'nobody knows who'],
    ['ada yg sebar foto mayat katanya korban tawuran, padahal kejadian di daerah lain', 'hoaks', 'a false post'],
    ['berita di fb ada penculikan anak di pasar, apa benar pak?', 'hoaks', 'a post asked to be checked'],
    ['ustadz itu bilang pancasila itu kafir dan pemerintah thagut', 'radikalisme', 'the state called unbelieving'],
    ['kebun warga dicaplok perusahaan sawit, warga mau demo', 'sengketa_lahan', 'a demo only wished for'],
    ['kebun warga dicaplok perusahaan sawit, warga mau demo besok jam 9', 'unjuk_rasa', 'a demo set for a day'],
    ['ribut soal batas sawah antara dua keluarga, sdh saling ancam pake parang', 'sengketa_lahan', 'a topic'],
    ['ada ketegangan antara warga lokal dan pendatang soal adat', 'sara', 'natives and newcomers'],
    ['ada org mau bunuh diri lompat dari jembatan', 'lainnya', 'a suicide attempt is no crime'],
    ['pemuda dua kampung saling tantang di medsos, mau ketemu di lapangan', 'konflik_sosial', 'a challenge'],
    ['pemuda mabuk tikam temannya sampai tewas di pesta pernikahan', 'kriminalitas', 'a killing, a wedding'],
    ['sepeda motor warga hilang dari parkiran masjid saat sholat', 'kriminalitas', 'a motorbike gone'],
    ['ada jaringan JAD yg rekrut anak muda lewat pengajian', 'radikalisme', 'a named terror network'],
    ['gelombang tinggi rusak rumah nelayan di pesisir', 'bencana', 'high waves'],
    ['warga dua desa saling palang jalan krn dendam, situasi memanas', 'konflik_sosial', 'two villages'],
  ])('%s → %s (%s)', (text, category) => {
    expect(sms(text).category).toBe(category);
  });
});

test('one weak word alone is no evidence of a category', () => {
  expect(sms('ada mobil parkir berhari2 di lorong kami, mencurigakan').category).toBe('lainnya');
  expect(categorize('ada mobil mencurigakan').keywords).toEqual([]);
});

describe('categoryConfidence means something', () => {
  test('strong, unambiguous keywords give high confidence and name them', () => {
    const out = sms('Tawuran antar pemuda, saling lempar batu dan busur');
    expect(out.categoryConfidence).toBeGreaterThan(0.7);
    expect(out.keywords).toEqual(expect.arrayContaining(['tawuran', 'busur']));
  });
  test('a guess from weak words is low', () => {
    const out = sms('Ada keributan kecil di warung tadi, mohon dicek');
    expect(out.categoryConfidence).toBeLessThan(0.5);
  });
  test('no keyword at all: lainnya with confidence near zero', () => {
    const r = categorize('ada sesuatu yang aneh di rumah sebelah');
    expect(r.category).toBe('lainnya');
    expect(r.confidence).toBeLessThanOrEqual(0.1);
    expect(r.keywords).toEqual([]);
  });
  test('a close call is less sure than a clear one', () => {
    const clear = categorize('pesta miras dan mabuk2an');
    const close = categorize('pesta miras lalu tawuran');
    expect(close.confidence).toBeLessThan(clear.confidence);
  });
  test('a negated keyword weighs less: "hampir bentrok" over land is a land dispute', () => {
    expect(categorize('hampir bentrok soal batas lahan').category).toBe('sengketa_lahan');
  });
});

describe('roots', () => {
  test.each([
    ['pencurian', 'curi'],
    ['mengkafirkan', 'kafir'],
    ['memblokade', 'blokade'],
    ['menutup', 'tutup'],
    ['penyerangan', 'serang'],
    ['dikeroyok', 'keroyok'],
    ['pemukulan', 'pukul'],
    ['perjudian', 'judi'],
    ['balapan', 'balap'],
  ])('%s has root %s', (word, root) => {
    expect(roots(word)).toContain(root);
  });
  test('"terjadi" does not leave a false root', () => {
    expect(roots('terjadi')).not.toContain('jad');
  });
});

describe('structured category field', () => {
  test.each([
    ['konflik_sosial', 'konflik_sosial'],
    ['KONFLIK SOSIAL', 'konflik_sosial'],
    ['Unjuk rasa', 'unjuk_rasa'],
    ['Isu SARA', 'sara'],
    ['Bencana / kebakaran', 'bencana'],
    ['kebakaran', 'bencana'],
    ['tawuran', 'konflik_sosial'],
    ['apa saja', null],
    ['', null],
  ])('%p → %p', (field, want) => {
    expect(categoryFromField(field)).toBe(want);
  });
});

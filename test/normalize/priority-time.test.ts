import { extractOccurredAt } from '../../src/normalize/time';
import { sms } from './helpers';

describe('priority', () => {
  test.each([
    [
      'Lapor pak, ada tawuran antar pemuda dkt lapangan Kel. Ponjalae, skrg masih berlangsung, ada yg bawa busur',
      'urgent',
    ],
    ['Kebakaran rumah warga di Lorong Manunggal Kel Temmalebba!! api msh besar tolong kirim damkar', 'urgent'],
    ['Banjir setinggi lutut di Kel. Binturu, air msh naik, ada lansia yg perlu dievakuasi', 'urgent'],
    ['bentrok ormas vs warga di pasar sentral palopo skrg!! ada yg luka kena parang', 'urgent'],
    ['Pemuda RW 3 Latuppa dan RW 1 Kambo saling ancam di medsos mau serang mlm ini', 'urgent'],
    ['Pak ada keributan antar kelompok silat di Kel. Penggoli, saling lempar batu, polisi blm dtg', 'urgent'],
    ['Ada pembakaran ban & orasi di depan kantor walikota, massa mulai ricuh', 'urgent'],
    ['Maling motor tertangkap warga, skrg lg dihakimi massa, tolong polisi segera datang', 'urgent'],
    ['Tanah longsor, 1 rumah tertimbun, penghuni msh di dalam', 'urgent'],
    ['Besok jam 10 pagi mahasiswa mau demo di depan kantor DPRD soal BBM', 'high'],
    ['Warga akan memblokade jalan poros hari Senin menolak tambang', 'high'],
    ['Ada geng motor bawa parang & busur, katanya mau serang kelompok lain bsk malam', 'high'],
    ['Ada warga bawa papporo ke acara pesta, takut terjadi keributan', 'high'],
    ['Tadi malam ada pesta miras di pos ronda, anak2 muda mabuk. Mohon ditindaklanjuti.', 'normal'],
    ['Longsor menutup jalan ke Kel. Battang, kendaraan tdk bisa lewat', 'normal'],
    ['Warga bersitegang soal batas lahan kebun, hampir bentrok kemarin sore', 'normal'],
    ['Ada pencurian motor di depan masjid tadi subuh', 'normal'],
    ['Tawuran pelajar kemarin, polisi sdh amankan 5 org, situasi sdh kondusif', 'normal'],
    ['Pengeroyokan pemuda semalam, korban dilarikan ke RSUD. Situasi sekarang sudah aman.', 'normal'],
    ['Ada video viral katanya ada gempa susulan besar malam ini, itu hoaks kan pak?', 'normal'],
    ['Situasi wilayah Kec. Wara aman dan kondusif, tidak ada kejadian menonjol', 'low'],
    // Nouns of violence and poisoning are dangers too; a quarrel "makin panas" or people "skrg aman" are not.
    ['ada penikaman di warung kopi barusan, korban tergeletak', 'urgent'],
    ['5 anak keracunan makanan hajatan, skrg dibawa ke puskesmas', 'urgent'],
    ['Warga Kel. Latuppa hilang di kebun sejak pagi, blm ketemu', 'urgent'],
    ['Perebutan lahan parkir makin panas, kaca pos dirusak semalam', 'normal'],
    ['pohon tumbang menimpa rumah td sore, penghuni skrg aman di rumah keluarga', 'normal'],
    // Wounds by a weapon are victims; people cut off need help; what is guarded or only feared is not danger now.
    ['TOLONG!! ada yg kejar2an bawa kawali di lorong, 1 org sdh kena tebas', 'urgent'],
    ['jembatan di kampung kami putus dibawa arus, 20 KK di seberang tdk bisa pulang', 'urgent'],
    ['pemuda bentrok td mlm di depan posko, skrg sdh dijaga polisi', 'normal'],
    ['ada keributan pekerja kmrn sore, skrg tegang', 'normal'],
    ['ada pemuda dari kampung lain datang ke pesta bawa badik, tuan rumah takut ada ribut', 'high'],
    ['massa bakar ban di depan kantor walikota skrg, msh damai', 'normal'],
    ['ada org stres keliaran, kadang lempar batu ke rumah warga', 'normal'],
    ['ribut di kantor lurah soal bansos, warga sdh mulai lempar kursi', 'urgent'],
    ['anak2 muda baku panah di lapangan, sdh 2 org kena, polisi blm ada', 'urgent'],
    ['ada pesta miras di pos ronda pukul 23.00 malam ini', 'normal'],
    ['ada org mau bunuh diri lompat dari jembatan', 'urgent'],
    ['pemuda dua kampung saling tantang di medsos, mau ketemu di lapangan mlm ini', 'urgent'],
    ["tabe pak, ana' muda baku lempar di lorong skrg", 'urgent'],
    ['banjir sdh sepinggang, warga msh aman di lantai 2 tp air msh naik', 'urgent'],
    ['kebakaran lahan kosong di belakang pasar, api kecil, tdk membahayakan', 'normal'],
  ])('%s → %s', (text, priority) => {
    expect(sms(text).priority).toBe(priority);
  });

  test.each([
    'Tolong pak, mohon segera ditindaklanjuti, ada balap liar tiap malam',
    'Rumah ibadah yg sedang dibangun ditolak sebagian warga, mohon segera ditindaklanjuti',
    'Tolong!! jalan di lorong kami rusak parah, segera diperbaiki',
    'Mohon segera, ada ASN ikut kampanye sekarang di kantor lurah',
  ])('polite or hurried words alone are not urgency: %s', (text) => {
    expect(sms(text).priority).not.toBe('urgent');
  });
});

describe('occurredAt', () => {
  // 20 Nov 2026 (Friday) 21:00 WITA and 21 Nov 2026 (Saturday) 09:30 WITA.
  const FRI_NIGHT = '2026-11-20T13:00:00Z';
  const SAT_MORNING = '2026-11-21T01:30:00Z';
  test.each([
    ['pukul 21.00 WITA terjadi tawuran', SAT_MORNING, '2026-11-20T21:00:00+08:00'],
    ['jam 10 pagi tadi', FRI_NIGHT, '2026-11-20T10:00:00+08:00'],
    ['Kamis (16/9/2021) malam terjadi bentrok', FRI_NIGHT, '2021-09-16T20:00:00+08:00'],
    ['tadi malam ada pesta miras', SAT_MORNING, '2026-11-20T20:00:00+08:00'],
    ['td mlm ada pesta miras', SAT_MORNING, '2026-11-20T20:00:00+08:00'],
    ['kemarin sore hampir bentrok', FRI_NIGHT, '2026-11-19T16:00:00+08:00'],
    ['kmrn sore hampir bentrok', FRI_NIGHT, '2026-11-19T16:00:00+08:00'],
    ['td subuh ada pencurian', SAT_MORNING, '2026-11-21T05:00:00+08:00'],
    ['barusan ada tabrakan', FRI_NIGHT, '2026-11-20T21:00:00+08:00'],
    ['besok jam 10 pagi mahasiswa mau demo', FRI_NIGHT, '2026-11-21T10:00:00+08:00'],
    ['bsk jm 2 siang ada aksi', FRI_NIGHT, '2026-11-21T14:00:00+08:00'],
    ['hari Senin warga akan blokade jalan', FRI_NIGHT, '2026-11-23T12:00:00+08:00'],
    ['Minggu, 29 November 2026 pukul 09.00 WITA ada deklarasi', FRI_NIGHT, '2026-11-29T09:00:00+08:00'],
    ['pkl 14.00 WIB', SAT_MORNING, '2026-11-20T14:00:00+07:00'],
    ['jam 7 malam', SAT_MORNING, '2026-11-20T19:00:00+08:00'],
    ['2 jam yang lalu', FRI_NIGHT, '2026-11-20T19:00:00+08:00'],
    ['3 hari yg lalu', FRI_NIGHT, '2026-11-17T12:00:00+08:00'],
    ['Tadi malam ada miras sampai jam 2 subuh', SAT_MORNING, '2026-11-20T20:00:00+08:00'],
    ['skrg masih berlangsung', FRI_NIGHT, '2026-11-20T21:00:00+08:00'],
    ['mau serang mlm ini', SAT_MORNING, '2026-11-21T20:00:00+08:00'],
    // Spellings from the one slang table the keyword matcher uses too.
    ['kmrin sore hampir bentrok', FRI_NIGHT, '2026-11-19T16:00:00+08:00'],
    ['brsan ada tabrakan', FRI_NIGHT, '2026-11-20T21:00:00+08:00'],
    ['sbh tadi ada pencurian', SAT_MORNING, '2026-11-21T05:00:00+08:00'],
  ])('%s (received %s) → %s', (text, received, want) => {
    expect(extractOccurredAt(text, received, 'Asia/Makassar')).toBe(want);
  });

  test.each([
    'Ada tawuran di Kel. Ponjalae',
    'Balapan liar tiap malam minggu',
    'Judi sabung ayam tiap sore',
    'sdh 2 bln tinggal di rumah kos',
    'buka 24 jam',
  ])('no time said → null: %s', (text) => {
    expect(extractOccurredAt(text, FRI_NIGHT, 'Asia/Makassar')).toBeNull();
  });

  test('the office time zone decides the day and the offset', () => {
    expect(extractOccurredAt('kemarin pagi', '2026-11-20T13:00:00Z', 'Asia/Jakarta')).toBe('2026-11-19T08:00:00+07:00');
    expect(extractOccurredAt('kemarin pagi', '2026-11-20T17:00:00Z', 'Asia/Makassar')).toBe(
      '2026-11-20T08:00:00+08:00',
    );
  });

  test('a report carries occurredAt, a non-report does not', () => {
    expect(sms('tadi malam ada tawuran di Kel. Benteng').occurredAt).toBe('2026-11-20T19:00:00+08:00');
    expect(sms('tes tadi malam').occurredAt).toBeNull();
  });
});

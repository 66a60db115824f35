/**
 * Urgency rules for the patterns another writer uses: someone about to jump, a victim lying with no ambulance, a
 * person unconscious, a suspected bomb, a big fire, people still below a moving slope, an attack put out only in
 * part ("api sdh dipadamkan tp mrk msh mondar mandir"), a hoax that already drew blood; and what is not urgent: a
 * road or a field buried, tension that lingers ("msh tegang", "msh saling dendam", "mulai panas"), water gone down,
 * a clash of last month ("bln lalu"), a rumour of victims said to be false. The sentences are written for the rules.
 */
import { sms } from './helpers';

describe('urgent: danger to people now, however it is told', () => {
  test.each([
    'tolong pak ada ibu2 mau lompat dr jembatan kembar, warga tahan tangannya',
    'mobil pick up tabrak anak sekolah di depan pasar, korban tergeletak di aspal',
    'dua pemuda tdk sadar di pos ronda habis minum oplosan, tolong ambulans',
    'ada kardus mencurigakan ditinggal di depan masjid raya, jamaah msh shalat',
    'air sungai msh naik sampai halaman rumah, warga mulai angkat barang',
    'api besar di gudang kopra dekat pelabuhan, angin kencang ke arah rumah warga',
    'tebing blkg sekolah bergerak dan bunyi gemuruh, masih ada org di rumah2 bawahnya',
    'anak sy hilang sejak pulang sekolah, sdh dicari ke sungai blm ketemu',
    'rumah warga dilempari bom molotov td, api sdh dipadamkan tp pelakunya msh berkeliaran di lorong',
    'gara2 isu di grup wa warga keroyok pengamen yg dikira maling, skrg sdh berdarah2',
  ])('%s', (text) => {
    expect(sms(text).priority).toBe('urgent');
  });
});

describe('not urgent: damage, lingering tension, what is over or only claimed', () => {
  test.each([
    'jalan tani ke kebun tertimbun longsor kecil, motor tdk bisa lewat, tdk ada korban',
    'kolam ikan warga tertimbun lumpur dr galian, pemilik minta ganti rugi',
    'dua kelompok pemuda bentrok kmrn sore, hari ini msh tegang tp polisi jaga di jembatan',
    'warga dua lorong msh saling dendam sejak tawuran bln lalu, mohon dimediasi',
    'spanduk caleg dirobek di pasar, pendukungnya mulai panas di fb',
    'pengungsi banjir sdh pulang ke rumah, air sudah turun, butuh obat2an',
    'ada akun fb sebar berita katanya ada korban tewas di tawuran semalam, padahal tdk ada',
    'motor anak sy hilang di parkiran pasar, blm ketemu',
  ])('%s', (text) => {
    expect(sms(text).priority).not.toBe('urgent');
  });
});

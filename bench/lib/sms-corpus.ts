/**
 * Realistic, varied Indonesian report texts for the benchmarks: SMS length, slang and abbreviations, Palopo places
 * (kelurahan, streets, landmarks), times, RT/RW, some status questions and noise, as residents write them.
 * Deterministic (seeded), so two runs and the ceiling see the same messages.
 */
import { seededRandom } from '../../test/helpers/seeded-random';

const OPENINGS = [
  '',
  'Lapor pak, ',
  'Assalamualaikum, ',
  'Pak, ',
  'Mohon ditindak, ',
  'Info: ',
  'Tolong pak ',
  'Selamat malam, ',
];
const REPORTS = [
  'ada tawuran pemuda saling lempar batu',
  'sekelompok anak muda pesta miras tiap malam, warga resah',
  'besok ada demo mahasiswa tolak kenaikan harga BBM',
  'beredar hoax penculikan anak di grup wa, warga panik',
  'banjir setinggi lutut, warga mulai mengungsi',
  'kebakaran rumah warga, api sdh membesar',
  'sengketa batas kebun antara warga dgn perusahaan memanas',
  'motor warga dicuri tadi malam depan rumah',
  'ada orang asing menginap tanpa lapor RT, gerak geriknya mencurigakan',
  'spanduk berisi ujaran kebencian antar suku dipasang di pinggir jalan',
  'bentrok antar kampung, ada yg luka kena parang',
  'judi sabung ayam rame tiap sore',
  'ormas bikin keributan minta uang keamanan ke pedagang',
  'tanah longsor menutup jalan, kendaraan tdk bisa lewat',
  'ada pengajian tertutup, isinya ajak benci pemerintah',
  'balap liar tiap malam minggu, sangat mengganggu',
  'pencurian hp di masjid saat sholat jumat',
  'pohon tumbang menimpa kabel listrik',
  'politik uang, tim sukses bagi2 amplop ke warga',
  'keributan di pesta pernikahan, dua kelompok adu mulut',
];
const PLACES = [
  'di Kel. Amassangan Kec. Wara',
  'di Jl. Andi Djemma dekat Pasar Sentral',
  'di Salobulo, Wara Utara',
  'dekat Lapangan Pancasila',
  'di Kel Takkalala',
  'di Balandai Kec Bara',
  'di Jl. Ratulangi lorong 3',
  'di Latuppa, Mungkajang',
  'di Kel. Sendana',
  'dekat kampus IAIN Palopo',
  'di Jl. Dr. Ratulangi depan masjid',
  'di Maroangin Telluwanua',
  'di Salekoe Wara Timur',
  'di Kelurahan Battang Barat',
  'di Jl. Opu Tosappaile',
];
const TIMES = [
  '',
  ' tadi malam',
  ' sekarang',
  ' jam 9 malam',
  ' kemarin sore',
  ' pagi ini',
  ' sejak jam 2',
  ' barusan',
];
const RT = ['', ' RT 02 RW 03', ' rt 5/rw 1', ' RT.04', ''];
const CLOSINGS = [
  '',
  ' Mohon segera ditindak.',
  ' Tks.',
  ' Mohon bantuannya pak',
  ' trims',
  ' Cepat pak!!',
  ' Makasih',
];
const NOISE = ['Ok', 'Terima kasih pak', 'Siap', 'mantap pak', 'P', 'halo'];

/** `count` report texts (≤ 160 characters each): about 95 % reports, 3 % noise, 2 % status questions. */
export function smsTexts(count: number, seed = 20250601): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rnd();
    let text: string;
    if (r < 0.03) text = pick(NOISE);
    else if (r < 0.05)
      text = `STATUS HK-${Math.floor(rnd() * 0xffffff)
        .toString(16)
        .toUpperCase()
        .padStart(6, '0')}`;
    else text = `${pick(OPENINGS)}${pick(REPORTS)} ${pick(PLACES)}${pick(RT)}${pick(TIMES)}.${pick(CLOSINGS)}`;
    out.push(text.slice(0, 160));
  }
  return out;
}

/** A distinct Indonesian mobile number per index (+62812…, +62813…, …). */
export function senderPhone(i: number): string {
  return `+628${12 + (i % 8)}${String(10_000_000 + i).padStart(8, '0')}`;
}

import { extractRtRw } from '../../src/normalize/rt-rw';
import { findLandmarks, findStreets } from '../../src/normalize/street';

describe('RT/RW', () => {
  test.each([
    ['RT 02 RW 03', '2', '3'],
    ['RT.002/RW.003', '2', '3'],
    ['Rt.002/Rw.002', '2', '2'],
    ['RW 1/RT 1', '1', '1'],
    ['RT 7 dekat masjid', '7', null],
    ['rw 04 kel lagaligo', null, '4'],
    ['RT/RW 002/003', '2', '3'],
    ['RT/RW: 5/1', '5', '1'],
    ['rt02rw03', '2', '3'],
    ['RT:3 RW:4', '3', '4'],
    ['RT 005 RW 002 Kelurahan Balandai ... Ketua RT 05', '5', '2'],
    ['Pemuda RW 3 Latuppa dan RW 1 Kambo', null, '3'],
    ['di RT. 10 RW. 11', '10', '11'],
    ['RW no. 6', null, '6'],
  ])('%s → RT %p RW %p', (text, rt, rw) => {
    expect(extractRtRw(text)).toEqual({ rt, rw });
  });

  test.each([
    ['tdk pernah lapor RT. Katanya kerja', 'RT without a number'],
    ['RT 0', 'zero is not an RT'],
    ['harga BBM naik RT 2.5 persen', 'a decimal is not an RT'],
    ['ARTIS 3 orang datang', 'inside a word'],
    ['pertama kali', 'no label at all'],
  ])('%s: nothing (%s)', (text) => {
    expect(extractRtRw(text)).toEqual({ rt: null, rw: null });
  });
});

describe('streets', () => {
  test.each([
    ['tawuran di Jl. Andi Djemma dkt lapangan', 'Jl. Andi Djemma'],
    ['rumah kos Jl. Ratulangi kel. Balandai', 'Jl. Ratulangi'],
    ['di jln Dr Ratulangi Km 5 dkt Rampoang', 'Jl. Dr Ratulangi Km 5'],
    ['Kebakaran di Lorong Manunggal Kel Temmalebba', 'Lorong Manunggal'],
    ['di Gg. Mawar No. 5', 'Gg. Mawar No. 5'],
    ['di Jalan Sudirman. Warga panik', 'Jl. Sudirman'],
    ['memblokade jalan poros Palopo-Toraja di depan kantor', 'Jl. Poros Palopo-Toraja'],
    ['di jl.landau arah pasar', 'Jl. Landau'],
    ['keributan di Lr. Pelita kel. Luminda', 'Lorong Pelita'],
    ['JLN. KH AHMAD DAHLAN', 'Jl. KH AHMAD DAHLAN'],
  ])('%s → %s', (text, street) => {
    expect(findStreets(text)[0]?.street).toBe(street);
  });

  test.each([
    'Longsor menutup jalan ke Kel. Battang',
    'jalan rusak parah',
    'warga blokir jalan',
    'mereka lagi jalan2 ke pasar',
  ])('a common noun is not a street: %s', (text) => {
    expect(findStreets(text)).toEqual([]);
  });
});

describe('landmarks', () => {
  test.each([
    ['tawuran di Jl. Andi Djemma dkt lapangan Kel. Ponjalae', ['dkt lapangan']],
    ['pencurian motor di depan masjid Kel. Tompotikka', ['depan masjid']],
    ['demo di depan kantor DPRD Palopo soal BBM', ['depan kantor DPRD Palopo']],
    ['transaksi sabu di rumah kosong blkg SMP di kel mancani', ['di rumah kosong', 'blkg SMP']],
    ['bentrok di pasar sentral palopo skrg', ['di pasar sentral']],
    ['pesta miras di pos ronda', ['di pos ronda']],
    ['ada yg sebar hoax di fb', []],
  ])('%s', (text, landmarks) => {
    expect(findLandmarks(text)).toEqual(landmarks);
  });
});

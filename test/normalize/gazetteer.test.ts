import { boundedEditDistance, buildGazetteer, findPlaces, foldName } from '../../src/normalize/gazetteer';
import { loadGazetteer, parseCsv } from '../../src/normalize/gazetteer-loader';
import { extractLocation } from '../../src/normalize/location';
import { PALOPO } from './helpers';

const kecName = (code: string) => PALOPO.kecamatan.find((k) => k.code === code)?.name;

describe('gazetteer loader', () => {
  test('Kota Palopo (73.73) has 9 kecamatan and 48 kelurahan with their codes', () => {
    expect(PALOPO.regionName).toBe('Kota Palopo');
    expect(PALOPO.kecamatan).toHaveLength(9);
    expect(PALOPO.kelurahan).toHaveLength(48);
    expect(PALOPO.kelurahan.find((k) => k.name === 'Ponjalae')).toEqual({
      code: '73.73.05.1007',
      kecamatanCode: '73.73.05',
      name: 'Ponjalae',
    });
  });

  test('is cached per region', () => {
    expect(loadGazetteer('73.73')).toBe(PALOPO);
  });

  test('any other region loads the same way (73.17 Kabupaten Luwu)', () => {
    const luwu = loadGazetteer('73.17');
    expect(luwu.regionName).toBe('Kabupaten Luwu');
    expect(luwu.kecamatan.length).toBeGreaterThan(15);
    expect(luwu.kelurahan.length).toBeGreaterThan(200);
    expect(luwu.kelurahan.every((k) => k.code.startsWith('73.17.'))).toBe(true);
    const belopa = luwu.kecamatan.find((k) => k.name === 'Belopa');
    expect(belopa).toBeDefined();
    const loc = extractLocation('Banjir di Kecamatan Belopa, air msh naik', luwu);
    expect(loc.kecamatan).toBe('Belopa');
    // A Palopo name means nothing in Luwu's gazetteer.
    expect(extractLocation('tawuran di Kel. Ponjalae', luwu).kelurahan).toBeNull();
  });

  test.each(['73', '73.99', 'abc', ''])('rejects region code %p', (code) => {
    expect(() => loadGazetteer(code)).toThrow(/gazetteer/);
  });

  test('CSV parser handles quotes, doubled quotes, commas in quotes and CRLF', () => {
    expect(parseCsv('code,name\r\n1,"Lubuk Pakam I,II"\r\n2,"Soka""an"\n3,plain')).toEqual([
      ['code', 'name'],
      ['1', 'Lubuk Pakam I,II'],
      ['2', 'Soka"an'],
      ['3', 'plain'],
    ]);
  });
});

describe('every Palopo kelurahan is found, in the forms people write it', () => {
  const forms: [string, (n: string) => string][] = [
    ['Kel. Name', (n) => `Ada tawuran di Kel. ${n} tadi malam`],
    ['kelurahan lowercase', (n) => `ada tawuran di kelurahan ${n.toLowerCase()} tadi malam`],
    ['Kel.Name without space', (n) => `Banjir Kel.${n}, air msh naik`],
    ['bare capitalised after "di"', (n) => `Ada pencurian di ${n} semalam`],
    ['UPPERCASE', (n) => `KEBAKARAN DI KEL ${n.toUpperCase()}!!`],
    ['dkt + name', (n) => `balap liar dkt kel ${n} tiap malam`],
  ];
  for (const [label, make] of forms) {
    test.each(PALOPO.kelurahan.map((k) => [k.name, k.code, k.kecamatanCode] as const))(
      `${label}: %s`,
      (name, code, kecCode) => {
        const loc = extractLocation(make(name), PALOPO);
        expect(loc.kelurahan).toBe(name);
        expect(loc.kelurahanCode).toBe(code);
        expect(loc.kecamatanCode).toBe(kecCode);
        expect(loc.kecamatan).toBe(kecName(kecCode));
      },
    );
  }
});

describe('every Palopo kecamatan is found', () => {
  test.each(PALOPO.kecamatan.map((k) => [k.name, k.code] as const))('Kecamatan %s', (name, code) => {
    for (const text of [
      `Situasi di Kecamatan ${name} aman`,
      `demo di kec. ${name.toLowerCase()} besok`,
      `KEC.${name}`,
    ]) {
      const loc = extractLocation(text, PALOPO);
      expect(loc.kecamatanCode).toBe(code);
      expect(loc.kecamatan).toBe(name);
      expect(loc.kelurahan).toBeNull();
    }
  });
});

describe('alternate spellings and typos give the official spelling', () => {
  test.each([
    ['Amasangan', 'Ammasangan'],
    ['Amassangan', 'Ammasangan'],
    ['Sabbang Paru', 'Sabbamparu'],
    ['sabbangparu', 'Sabbamparu'],
    ['Tobulung', "To'Bulung"],
    ['To Bulung', "To'Bulung"],
    ["To'bulung", "To'Bulung"],
    ['TO BULUNG', "To'Bulung"],
    ['Petonjangan', 'Pentojangan'],
    ['Salotellue', 'Salutellue'],
    ['Tomarundung', 'Tamarundung'],
    ['Tompotika', 'Tompotikka'],
    ['Ponjale', 'Ponjalae'],
    ['Ponjallae', 'Ponjalae'],
    ['Temalebba', 'Temmalebba'],
    ['Temmalebbe', 'Temmalebba'],
    ['Batuwalenrang', 'Batu Walenrang'],
    ['Batu walenrang', 'Batu Walenrang'],
    ['Buntudatu', 'Buntu Datu'],
    ['Padanglambe', 'Padang Lambe'],
    ['Battang barat', 'Battang Barat'],
    ['Mancanni', 'Mancani'],
    ['Sumarambuu', 'Sumarambu'],
    ['Dangerako', 'Dangerakko'],
    ['Rampowang', 'Rampoang'],
    ['Surutangga', 'Surutanga'],
    ['Malatunrun', 'Malatunrung'],
    ['Pajalesan', 'Pajalesang'],
  ])('%s → %s', (written, official) => {
    expect(extractLocation(`ada keributan di Kel. ${written} tadi`, PALOPO).kelurahan).toBe(official);
  });
});

describe('places the matcher must not invent', () => {
  test.each([
    ['batang pohon tumbang', 'batang is a word, not Battang'],
    ['ada bara api di tungku', 'bara is ember'],
    ['minta peta lokasi', 'peta is a map'],
    ['semoga jaya selalu', 'jaya is a word'],
    ['benteng pertahanan terakhir', 'benteng is a fort'],
    ['mata air sendang', 'sendang is a spring'],
    ['demo di depan kantor DPRD Palopo', 'Palopo is the city, not a kelurahan'],
    ['bentrok di pasar sentral palopo', 'no name at all'],
    ['lembang di toraja', 'one typo from Lebang but a word'],
    ['ada yg jual songko di pasar', 'songko is a cap'],
  ])('%s (%s)', (text) => {
    const loc = extractLocation(text, PALOPO);
    expect(loc.kelurahan).toBeNull();
    expect(loc.kecamatan).toBeNull();
  });

  test('common-word names count after a cue', () => {
    expect(extractLocation('tawuran di Kel. Jaya', PALOPO).kelurahan).toBe('Jaya');
    expect(extractLocation('pencurian di kelurahan peta', PALOPO).kelurahan).toBe('Peta');
    expect(extractLocation('miras di Benteng', PALOPO).kelurahan).toBe('Benteng');
    expect(extractLocation('situasi Kec. Bara aman', PALOPO).kecamatan).toBe('Bara');
  });

  test('writers who never capitalise: a common-word kelurahan after a place word is the place (not "di peta")', () => {
    expect(extractLocation('motor sy dicuri di lebang semalam', PALOPO).kelurahan).toBe('Lebang');
    expect(extractLocation('warga jaya dan warga mancani cekcok soal air irigasi', PALOPO).kelurahan).toBe('Jaya');
    expect(extractLocation('ada miras dijual dekat benteng lama', PALOPO).kelurahan).toBe('Benteng');
    expect(extractLocation('lokasinya sdh sy tandai di peta', PALOPO).kelurahan).toBeNull();
    expect(extractLocation('semoga jaya selalu', PALOPO).kelurahan).toBeNull();
  });
});

describe('which place is the incident’s', () => {
  test('the first kelurahan named wins; the others go to location.text', () => {
    const loc = extractLocation('Warga kelurahan Battang dan Battang Barat bersitegang', PALOPO);
    expect(loc.kelurahan).toBe('Battang');
    expect(loc.text).toContain('Battang Barat');
  });

  test('the kecamatan follows from the kelurahan even when another is named', () => {
    const loc = extractLocation('tawuran di Kel. Ponjalae Kec. Wara Utara', PALOPO);
    expect(loc.kelurahan).toBe('Ponjalae');
    expect(loc.kecamatan).toBe('Wara Timur');
    expect(loc.kecamatanCode).toBe('73.73.05');
  });

  test('a bare name that is both kecamatan and kelurahan is the kelurahan', () => {
    expect(extractLocation('miras di Sendana', PALOPO)).toMatchObject({ kelurahan: 'Sendana', kecamatan: 'Sendana' });
    expect(extractLocation('di Mungkajang ada longsor', PALOPO).kelurahanCode).toBe('73.73.08.1001');
    expect(extractLocation('Kecamatan Sendana aman', PALOPO).kelurahan).toBeNull();
  });

  test('the reporter’s home ranks below the place of the event', () => {
    const loc = extractLocation('Sy warga Balandai mau lapor ada tawuran di Kel. Rampoang', PALOPO);
    expect(loc.kelurahan).toBe('Rampoang');
  });

  test('a place in a letter’s sign-off is the sender’s office, not the event’s; an RT/RW head signs for theirs', () => {
    const letter = (signature: string) =>
      extractLocation(`Dengan hormat,\n\nBesok ada aksi di depan kantor DPRD.\n\nHormat kami,\n${signature}`, PALOPO);
    expect(letter('Lurah Benteng\nKecamatan Wara Timur')).toMatchObject({ kelurahan: null, kecamatan: null });
    expect(letter('Ketua RT 02 Kel. Benteng').kelurahan).toBe('Benteng');
  });

  test('an e-mail signature set off by dashes is the sender’s office too', () => {
    const text =
      'Dengan hormat,\nkami teruskan undangan aksi di depan kantor DPRD Palopo hari Senin.\n\n--\nStaf Kelurahan Boting\nKecamatan Wara';
    expect(extractLocation(text, PALOPO)).toMatchObject({ kelurahan: null, kecamatan: null });
    const forward =
      'Mohon perhatian.\n---------- Forwarded message ---------\nbentrok pemuda di Kel. Boting\n---\nSekretariat Kecamatan Wara';
    expect(extractLocation(forward, PALOPO).kelurahan).toBe('Boting');
  });

  test('a street named after a place ranks below a kelurahan named outside it', () => {
    const loc = extractLocation('Kecelakaan di Jl. Lagaligo Kel. Boting', PALOPO);
    expect(loc.kelurahan).toBe('Boting');
    expect(loc.street).toBe('Jl. Lagaligo');
  });

  test('WhatsApp location: coordinates kept, label and address in text, no kelurahan guessed', () => {
    const loc = extractLocation('ada keributan disini', PALOPO, {
      geo: { latitude: -2.99, longitude: 120.19, label: 'Lapangan Pancasila', address: 'Jl. Landau, Palopo' },
    });
    expect(loc).toMatchObject({ latitude: -2.99, longitude: 120.19, kelurahan: null, kecamatan: null });
    expect(loc.text).toBe('Lapangan Pancasila; Jl. Landau, Palopo');
  });
});

describe('matcher internals', () => {
  test('foldName strips apostrophes, spaces and case', () => {
    expect(foldName("To'Bulung")).toBe('tobulung');
    expect(foldName('Battang Barat')).toBe('battangbarat');
  });
  test.each([
    ['ponjalae', 'ponjalae', 1, 0],
    ['ponjale', 'ponjalae', 1, 1],
    ['ponjaale', 'ponjalae', 1, 1],
    ['pojnalae', 'ponjalae', 1, 1],
    ['ponjxyz', 'ponjalae', 1, 2],
  ])('edit distance %s/%s (max %i) = %i', (a, b, max, want) => {
    expect(boundedEditDistance(a, b, max)).toBe(want);
  });
  test('a hand-built gazetteer works the same way', () => {
    const g = buildGazetteer({
      regionCode: '99.01',
      kecamatan: [{ code: '99.01.01', name: 'Kota Lama' }],
      kelurahan: [{ code: '99.01.01.1001', kecamatanCode: '99.01.01', name: "La'Tanete" }],
    });
    expect(findPlaces('banjir di la tanete', g).map((m) => m.area.name)).toEqual(["La'Tanete"]);
  });
});

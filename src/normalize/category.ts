/**
 * Category by keyword and phrase scoring (docs/taxonomy.md), with the routing rules for reports that fit two
 * categories, and a confidence that is low when the choice was a guess.
 *
 * Words are matched on their roots: Indonesian affixes are stripped ("pencurian" → curi, "mengkafirkan" → kafir,
 * "memblokade" → blokade) so one keyword covers its family, after SMS slang was expanded.
 */
import type { Category } from '../core/normalized-message';
import { CATEGORIES, CATEGORY_LABELS } from '../core/normalized-message';
import { expandedWords } from './abbreviations';

/** [weight, strong?, comma-separated keywords; a space inside a keyword makes it a phrase]. */
type KeywordGroup = readonly [number, boolean, string];

/**
 * Keyword lists. "strong" keywords name the category by themselves and drive the routing rules below; weak ones
 * only add evidence. Bugis/Palopo words are included (ballo = palm wine, papporo = homemade gun).
 */
const KEYWORDS: Record<Category, readonly KeywordGroup[]> = {
  konflik_sosial: [
    [
      4.5,
      true,
      'tawuran, tawur, tauran, bentrok, bentrokan, perang batu, perang kelompok, perang antar, saling serang',
    ],
    [4, true, 'lempar batu, saling lempar, keroyok, busur, anak panah, papporo, paporo, senjata rakitan, geng motor'],
    [4, true, 'konflik sosial, saling tikam, saling bacok, perkelahian massal, carok, tarung'],
    [3.5, false, 'antar kelompok, antar pemuda, antar kampung, antar desa, antar geng, antar suporter, antar warga'],
    [3.5, false, 'antar kelurahan, antar lorong, antar perguruan, antar sekolah, antar pelajar, molotov, panah'],
    [3.5, false, 'dua kampung, dua desa, dua kelompok, dua kubu, dua geng, dua lorong'],
    [2, false, 'dendam, memanas'],
    [3, false, 'saling tantang, tantang duel, duel'],
    [
      3,
      false,
      'saling pukul, saling kejar, saling hantam, saling ancam, kelahi, berkelahi, perkelahian, rusuh, kerusuhan, serbu, penyerangan, balas dendam',
    ],
    [
      2.5,
      false,
      'serang, parang, badik, kawali, samurai, celurit, clurit, golok, sajam, senjata tajam, ketapel, mercon, suporter, ancam serang, bersitegang',
    ],
    [3, false, 'kejaran, kejar kejaran, kejar mengejar'],
    // A crowd pushing and shoving at a match, or a group set on paying back a blow: a clash between groups.
    [3, false, 'saling dorong, baku dorong, adu jotos, baku hantam, ricuh penonton, penonton ricuh'],
    [
      3,
      false,
      'balas anak, balas kelompok, balas pemuda, balas warga, balas kampung, ancam balas, serangan balasan, aksi balasan, balas serang',
    ],
    // A crowd set on a house: "rame org2 bawa batu mau serang rumah keluarga pelaku" is mob violence between groups.
    [4, true, 'serang rumah, serbu rumah, geruduk rumah'],
    [2.5, false, 'bawa batu'],
    [1, false, 'pertandingan, turnamen, penonton'],
    [2, false, 'keributan, ribut, konflik, tegang, ketegangan, geng, provokasi, perang, kelompok pemuda, pelemparan'],
    [1.5, false, 'silat, perguruan, pemuda, adu mulut, cekcok, massa bayaran, lempar, batu'],
  ],
  unjuk_rasa: [
    [4.5, true, 'demo, demonstrasi, demonstran, pendemo, unjuk rasa, unras, aksi massa, aksi demo, orasi'],
    [4, true, 'bakar ban, blokade, blokir jalan, mogok, mogok kerja, long march, gas air mata, turun ke jalan'],
    [4, true, 'aksi protes, konvoi protes, demo protes, protes massal, tutup akses'],
    // A road closed to press a demand ("pasang portal di tengah jalan, tuntut jembatan diperbaiki"), a call to act.
    [4, true, 'seruan aksi, ajakan aksi'],
    [3.5, false, 'pasang portal, tutup portal, blokir akses'],
    [3, false, 'tuntut'],
    [
      3,
      false,
      'palang jalan, pemalangan, aksi damai, aksi unjuk, blokir, aliansi, tuntutan, menuntut, segel kantor, duduki kantor, pawai',
    ],
    [2.5, false, 'massa, ricuh, kericuhan, dorong, dorongan, aksi, audiensi, konvoi, korlap, spanduk tuntutan'],
    [1.5, false, 'protes, mahasiswa, buruh, petisi, tolak kenaikan, tutup jalan, spanduk, pengeras suara, dprd, bbm'],
  ],
  sara: [
    [
      4.5,
      true,
      'menghina agama, hina agama, hinaan agama, sara, rumah ibadah, rumah ibadat, tempat ibadah, penistaan agama, penodaan agama, aliran sesat',
    ],
    [
      4,
      true,
      'menyinggung suku, singgung suku, beda suku, beda agama, beda etnis, beda keyakinan, dua agama, dua suku, antar agama, antaragama, anti etnis, antar etnis, antar suku, intoleran, intoleransi, ahmadiyah, usir pendatang, tolak pendatang, anti pendatang',
    ],
    [
      3.5,
      false,
      'kafir, syirik, musyrik, sesat, nista, penistaan, etnis, rasis, rasial, syiah, kristenisasi, islamisasi, murtad',
    ],
    [3, false, 'gereja, vihara, klenteng, aliran, ajaran, keyakinan, konflik agama, umat beragama, diskriminasi'],
    [2, false, 'agama, suku, ibadah, beribadah, pengajian, jemaat, jamaah, masjid, musholla, mushola, pura, umat'],
    [1.5, false, 'agama lain, ceramah, penceramah, memprovokasi jemaah'],
    // A religious celebration or service: disturbed, it is tension between faiths.
    [
      3,
      false,
      'perayaan natal, ibadah natal, misa, perayaan paskah, perayaan waisak, perayaan nyepi, ganggu ibadah, ganggu perayaan',
    ],
    [
      3.5,
      false,
      'renovasi gereja, renovasi masjid, bangun gereja, bangun masjid, pembangunan masjid, pembangunan gereja, pendirian gereja, pendirian masjid, pendirian vihara, pengurus masjid',
    ],
    [1, false, 'pendatang, tolak, penolakan, natal, ustadz, pendeta, kebaktian'],
    // Natives set against newcomers: tension between peoples.
    [2, false, 'warga lokal, penduduk lokal, warga asli, penduduk asli, putra daerah, orang asli'],
    [2, false, 'warga pendatang, penduduk pendatang, kaum pendatang, orang pendatang'],
    // What one faith forbids let loose by another's house of prayer.
    [1, false, 'babi, anjing peliharaan'],
    [1.5, false, 'adat'],
    // Peoples of Palopo and its neighbours: named in a quarrel, they point to ethnic tension.
    [1.5, false, 'toraja, bugis, makassar, mandar, luwu, jawa, tionghoa'],
  ],
  radikalisme: [
    [4.5, true, 'radikal, radikalisme, teroris, terorisme, khilafah, khalifah, thagut, thaghut, taghut, baiat, isis'],
    [4.5, true, 'jad, jamaah ansharut daulah, jaringan teroris, sel teroris'],
    [
      4.5,
      true,
      'menolak pancasila, tolak pancasila, anti pancasila, anti nkri, bendera terlarang, bendera hitam, negara islam',
    ],
    [
      4,
      true,
      'amaliyah, amaliah, pendukung teroris, dukung teroris, perang ke luar negeri, berangkat perang, boleh bunuh, halal darah, wajib bunuh, kafir pemerintah, kafir negara, kafir aparat, ajak jihad, ajakan jihad, seruan jihad, organisasi terlarang, jamaah islamiyah, hti, nii, anti hormat bendera, hormat bendera, rakit bom, densus, bom rakitan, bahan peledak, pelatihan militer, latihan militer, latihan perang, latihan panah',
    ],
    [3, false, 'teror, jihad, bom, makar, separatis, propaganda, ideologi, paham, pancasila, deradikalisasi'],
    [2, false, 'terlarang, selebaran, brosur, doktrin, rekrut, perekrutan, cuci otak, eksklusif, bendera'],
    // Closed drills and gatherings: what early detection watches for.
    [3, false, 'latihan fisik, latihan tertutup, pelatihan tertutup, seragam hitam'],
    // Hatred of the state preached ("isinya ajak benci pemerintah"): propaganda against it, not a faith quarrel.
    [3, false, 'benci pemerintah, anti pemerintah, musuhi pemerintah, lawan pemerintah'],
    // A bag or parcel left where people gather, wires showing: a suspected bomb until the police say otherwise.
    [
      4.5,
      true,
      'tas mencurigakan, benda mencurigakan, paket mencurigakan, bungkusan mencurigakan, kardus mencurigakan, koper mencurigakan, ransel mencurigakan',
    ],
    // Materials a bomb can be made of: alone no evidence (a farmer buys urea), with a closed newcomer (TOGETHER).
    [0.5, false, 'bahan kimia, pupuk urea, urea, amonium nitrat, serbuk mesiu, mesiu, black powder'],
  ],
  penyakit_masyarakat: [
    [4.5, true, 'miras, ballo, tuak, oplosan, minuman keras, minuman beralkohol, cap tikus, narkoba, sabu, shabu'],
    [4.5, true, 'ganja, ekstasi, pil koplo, tramadol, judi, togel, sabung ayam, adu ayam, balap liar, judol'],
    [
      4,
      true,
      'overdosis, over dosis, pesta miras, mabuk, narkotika, psikotropika, prostitusi, pelacuran, psk, ngelem, isap lem, pengedar',
    ],
    [3.5, false, 'main kartu, judi kartu, main domino, main dadu, dadu, sabung, obat batuk'],
    [3, false, 'alkohol, arak, koplo, mesum, kumpul kebo, trek, narkotik, bandar, obat terlarang, kupon putih'],
    [2, false, 'balap, lem, slot, taruhan, hiburan malam, transaksi, pesta, teler, sakau'],
    [1, false, 'karaoke, kafe remang'],
  ],
  kriminalitas: [
    [4.5, true, 'curi, pencuri, maling, begal, jambret, rampok, copet, curanmor, ranmor, pungli, pungutan liar'],
    [4, true, 'aniaya, penganiayaan, bacok, tebas, tikam, pembunuhan, bunuh, culik, penculikan, perkosa, cabul, kdrt'],
    [
      3,
      false,
      'main hakim sendiri, dihakimi massa, buka paksa, coba buka, congkel, amuk, ngamuk, mengamuk, preman, peras, pemerasan, tipu, penipuan, todong, bobol, tusuk, jarah, rampas, palak, pemalakan',
    ],
    [2.5, false, 'kekerasan, pukul, pemukulan, senjata api, pistol, kehilangan, pelaku, ternak'],
    [1.5, false, 'hilang, perusakan, ancam, ancaman, polisi, polsek, korban, motor, tersangka, pengrusakan'],
    [1, false, 'mencurigakan, tdk dikenal, tidak dikenal'],
    [
      3,
      false,
      'sampai tewas, hingga tewas, sampai meninggal, hingga meninggal, motor hilang, motor warga hilang, kendaraan hilang',
    ],
    // Someone nobody knows did it: a crime by a person, not a clash between groups.
    [2.5, true, 'orang tidak dikenal, pelaku tidak dikenal'],
    [3, false, 'bayar paksa, minta paksa, pungut paksa, kaca pecah, mayat, penemuan mayat'],
    // An illegal parking attendant collecting fees is extortion (pungli), however politely told.
    [3.5, true, 'parkir liar, jukir liar, juru parkir liar, tukang parkir liar'],
    [2.5, false, 'minta uang, uang kebersihan, uang rokok'],
    [1.5, false, 'oknum, pisau'],
    [3, false, 'masuk pekarangan, penyusup, menyusup, menerobos masuk, bawa lari, penggelapan, gelapkan, korupsi'],
  ],
  politik_pemilu: [
    [4.5, true, 'pemilu, pilkada, pilpres, pileg, pilwali, pilwalkot, caleg, capres, cawalkot, cawali, paslon'],
    [4.5, true, 'kampanye, politik uang, money politic, serangan fajar, tim sukses, timses, bawaslu, panwas'],
    [
      4,
      true,
      'calon legislatif, tim pemenangan, bagi uang, tps, kpu, surat suara, kotak suara, pasangan calon, asn tidak netral, kampanye hitam, black campaign',
    ],
    [3, false, 'netral, netralitas, partai, parpol, golput, coblos, pencoblosan, rekapitulasi, kandidat, kecurangan'],
    [2.5, false, 'amplop, calon, pemilihan, politik, baliho, alat peraga, apk, dpt, quick count, suara'],
    // The voters' list: "data pemilih ganda", "org yg sdh meninggal msh terdaftar".
    [
      4.5,
      true,
      'pemilih ganda, data pemilih, daftar pemilih, pemilih fiktif, pemilih siluman, dpt ganda, dpt bermasalah',
    ],
    [1.5, false, 'asn, pns, sembako, pilih, memilih, saksi, relawan, seragam dinas, curang'],
  ],
  hoaks: [
    [5, true, 'hoaks, hoax, hoaxs, berita bohong, kabar bohong, informasi palsu, berita palsu, ujaran kebencian'],
    [4.5, true, 'pesan berantai, hate speech, akun palsu, akun bodong, fitnah, disinformasi, misinformasi'],
    [3, false, 'viral, kebencian, provokatif, berantai, pencemaran nama baik, fake, adu domba'],
    [2.5, false, 'akun, medsos, media sosial, sosmed, postingan, posting, konten, meme, tidak benar, bohong, palsu'],
    [4.5, true, 'video lama, foto lama, seolah, seakan'],
    [2, false, 'diedit, editan, broadcast'],
    // Voice notes passed around the groups carry most rumours here.
    [2, false, 'pesan suara, voice note, voice notes, vn, rekaman suara'],
    [2, false, 'padahal bukan, padahal tidak'],
    [2, false, 'fb, facebook, ig, instagram, tiktok, twitter, youtube, share, unggah, sebar, grup wa, status wa'],
    [1.5, false, 'menghina, penghinaan, hina'],
    [1, false, 'isu, video, live, provokasi, whatsapp, beredar'],
  ],
  sengketa_lahan: [
    [
      4.5,
      true,
      'sengketa, batas lahan, batas tanah, batas sawah, batas empang, batas tambak, batas rumah, batas pagar, batas kebun, batas kampung, tapal batas, tanah warisan, ganti rugi, hak ulayat, tanah adat, agraria',
    ],
    [4, true, 'penyerobotan, serobot, caplok, penggusuran, gusur, eksekusi lahan, pembebasan lahan, sertifikat ganda'],
    [3, false, 'lahan, warisan, klaim, sertifikat, girik, patok, bpn, hgu, tambang pasir, galian c, rebutan lahan'],
    [2, false, 'tanah, tambang, kebun, sawah, perkebunan, sawit, batas, kakao, cengkeh, irigasi, pagar, hutan'],
    // Heavy machines sent onto land people hold: the dispute itself, whatever the blockade brings.
    [3.5, false, 'buldoser, bulldozer, ekskavator, excavator'],
  ],
  bencana: [
    [5, true, 'kebakaran, banjir, banjir bandang, longsor, tanah longsor, gempa, gempa bumi, puting beliung'],
    [
      4.5,
      true,
      'tanggul jebol, jebol, terseret arus, tim sar, perahu karet, air sungai naik, air naik, kemasukan air, air masuk, kebanjiran',
    ],
    [
      4.5,
      true,
      'tanah bergerak, gerakan tanah, pergerakan tanah, setinggi lutut, setinggi pinggang, setinggi dada, sepinggang, sedada, selutut, terjebak banjir',
    ],
    [
      4.5,
      true,
      'gelombang tinggi, gelombang pasang, ombak besar, ombak tinggi, terbakar, jembatan putus, pohon tumbang, air bah, tsunami, angin kencang, abrasi, bencana, damkar',
    ],
    [3.5, false, 'pemadam, amblas, ambles, hanyut, tenggelam, genangan, tergenang, runtuh, roboh, bpbd, meluap'],
    [2.5, false, 'air sungai, air laut, luapan, terendam, arus deras, tanggul'],
    [3.5, false, 'air pasang, banjir rob'],
    [1.5, false, 'surut'],
    [2, false, 'terjebak, terisolir, terisolasi'],
    [1, false, 'hujan'],
    [2.5, false, 'angin'],
    [2.5, false, 'evakuasi, mengungsi, pengungsi, korsleting, arus pendek, gas bocor, ledak, meledak, kekeringan'],
    [1.5, false, 'api, asap, tumbang, putus, hujan deras, bakar, rob, retak, hangus'],
    [2, false, 'dipadamkan, api padam'],
    // A slope about to slide: the ground moves, rumbles, cracks open.
    [4, true, 'suara gemuruh, gemuruh, tanah retak, retakan tanah, tanah amblas'],
    [1, false, 'bergerak'],
  ],
  ormas: [
    [4.5, true, 'ormas, organisasi kemasyarakatan, plang ormas, uang keamanan, uang jago, pemuda pancasila'],
    [3.5, false, 'skt, surat keterangan terdaftar, deklarasi, lsm, laskar, belum terdaftar, tidak terdaftar'],
    [2.5, false, 'plang, setoran, minta jatah, paguyuban, atribut, seragam loreng, posko, terdaftar, jatah'],
  ],
  orang_asing: [
    [5, true, 'wna, warga negara asing, warga asing, tenaga kerja asing, pekerja asing, bule, tka, kitas'],
    [4, true, 'imigrasi, paspor, visa, izin tinggal, overstay, foreigner, turis asing'],
    [4.5, true, 'pendatang asing, nelayan asing, kapal asing'],
    [2.5, false, 'orang asing, asing, turis, warga negara'],
    [
      2,
      false,
      'india, malaysia, filipina, korea, jepang, amerika, australia, belanda, vietnam, thailand, pakistan, bangladesh, afrika',
    ],
    [1.5, false, 'tiongkok, china, cina, luar negeri, mandarin'],
  ],
  lainnya: [
    [3, false, 'situasi kondusif, aman terkendali, aman kondusif, laporan situasi, lapsit, kondusif, nihil'],
    // Palopo's particles: "aman mi" / "aman ji" is "(sudah) aman".
    [3, false, 'aman mi, aman ji'],
    // One troubled person, not a group: "org gila ngamuk lempar batu" is no clash (what they did may be a crime).
    [2.75, true, 'odgj, orang gila, gangguan jiwa, sakit jiwa'],
    // Someone about to take their own life: help is needed, but it is no crime.
    [4, true, 'bunuh diri, gantung diri'],
    [4, true, 'mau lompat, hendak lompat, ancam lompat, akan lompat, ingin lompat, lompat dari jembatan'],
    // The neighbourhood watch and its posts: routine security, no incident.
    [2, false, 'pos kamling, ronda, siskamling, pos ronda'],
    // Landmarks named after words of the lists: "lapangan pancasila" is a square, not an ideology.
    [0, false, 'lapangan pancasila, jalan pancasila, taman pancasila, gedung pancasila'],
    // A missing person: searched for, not a crime until something says so.
    [3, false, 'orang hilang, warga hilang, hilang di hutan, hilang di laut, hilang di sungai, hilang di gunung'],
    [2, false, 'jalan rusak, lampu jalan, sampah, listrik padam, pdam, pengemis, anjal, anak hilang'],
    [
      3,
      false,
      'anjing liar, digigit anjing, gigit anjing, rabies, pemadaman, pemadaman listrik, tersengat listrik, jalan berlubang, kecelakaan, tabrakan, tabrak, kesetrum, tersetrum, kena setrum, jatuh ke sumur',
    ],
    // A wedding or a birthday is no drinking party.
    [0.5, false, 'pesta pernikahan, pesta nikah, pesta kawin, pesta ulang tahun'],
    [
      1.5,
      false,
      'bansos, pungutan sekolah, kenakalan remaja, monitoring, pemantauan, rusak parah, berlubang, diperbaiki',
    ],
  ],
};

/**
 * Routing rules (docs/taxonomy.md): when the first category has a strong keyword, the listed ones lose most of their
 * weight. A demo that turns into a clash stays a demo; a hoax that led to a beating stays a hoax; a tawuran with
 * arrows is a clash, not a crime; radical leaflets found in a mosque are radicalism.
 */
const DOMINATES: Partial<Record<Category, readonly Category[]>> = {
  hoaks: ['sara', 'kriminalitas', 'konflik_sosial', 'politik_pemilu', 'bencana', 'radikalisme', 'orang_asing'],
  unjuk_rasa: ['konflik_sosial', 'sengketa_lahan', 'politik_pemilu', 'ormas', 'kriminalitas', 'bencana'],
  konflik_sosial: ['kriminalitas', 'ormas', 'penyakit_masyarakat'],
  radikalisme: ['sara', 'ormas', 'konflik_sosial'],
  penyakit_masyarakat: ['orang_asing', 'kriminalitas'],
  // Both ways: when a drunk stabs someone and a crime is told with more weight than the drinking, it is a crime.
  kriminalitas: ['penyakit_masyarakat'],
  bencana: ['kriminalitas', 'konflik_sosial'],
  sara: ['konflik_sosial'],
  orang_asing: ['sengketa_lahan', 'kriminalitas'],
  lainnya: ['konflik_sosial'],
};
/**
 * What a quarrel is about ("ribut soal tanah warisan, saling ancam") outweighs how it was fought, unless the fight
 * is told with a strong word of its own ("bentrokan … soal batas kampung" stays a clash).
 */
const FIGHT_CATEGORIES: readonly Category[] = ['konflik_sosial', 'kriminalitas'];
/** Below this, one weak word alone ("mencurigakan") is not evidence of a category. */
const MIN_WEAK_SCORE = 1.5;
const DOMINATED_FACTOR = 0.35;
const ABSOLUTE: ReadonlySet<Category> = new Set(['unjuk_rasa', 'hoaks']);
/**
 * Acts that often go with a demonstration without naming one: a tyre burnt by youths gathering to attack is part
 * of their clash. Only a word that names the demonstration makes the demo rule absolute.
 */
const PROTEST_ACTS: ReadonlySet<string> = new Set([
  'bakar ban',
  'blokade',
  'blokir jalan',
  'tutup akses',
  'turun ke jalan',
]);
/**
 * Groups named by their faith or people: a clash between them is SARA however hard it was fought ("warga dari dua
 * agama saling lempar batu"), as docs/taxonomy.md routes tension between religions and ethnic groups.
 */
/**
 * Someone nobody knows did it ("rumah sy dilempar batu org tdk dikenal"): a weapon or a thrown stone alone, with no
 * group named, is then a crime by a person, not a clash between groups.
 */
const INDIVIDUAL_ACTORS: ReadonlySet<string> = new Set(['orang tidak dikenal', 'pelaku tidak dikenal']);
const ACTS_WITHOUT_GROUP: ReadonlySet<string> = new Set([
  'lempar batu',
  'busur',
  'anak panah',
  'papporo',
  'paporo',
  'senjata rakitan',
]);
const IDENTITY_GROUPS: ReadonlySet<string> = new Set(
  'beda suku, beda agama, beda etnis, beda keyakinan, dua agama, dua suku, antar agama, antaragama, antar etnis, antar suku, anti etnis'.split(
    ', ',
  ),
);

/** Words that weaken the keyword right after them: "hampir bentrok", "tdk ada korban", "bukan hoaks". */
const NEGATORS = new Set(['hampir', 'nyaris', 'tidak', 'bukan', 'belum', 'tanpa', 'jangan']);
const NEGATED_FACTOR = 0.4;
/**
 * Words that make a keyword the subject of prevention, not an event: "sosialisasi bahaya narkoba di sekolah",
 * "penyuluhan anti narkoba" ask for outreach; nothing happened.
 */
const PREVENTION_FACTOR = 0.3;
const PREVENTION_MARKERS = new Set(['sosialisasi', 'penyuluhan', 'bahaya', 'anti', 'cegah', 'pencegahan']);
/** Words that name what a quarrel is about: "ribut soal batas pagar" is a land dispute, whoever hit whom. */
const TOPIC_MARKERS = new Set(['soal', 'masalah', 'terkait', 'perihal', 'gara', 'rebutan', 'perebutan']);
const TOPIC_FACTOR = 1.5;
/** Words that make an event only wished for or threatened: "warga mau demo", "ancam mogok". */
const WISH_MARKERS = new Set(['mau', 'ingin', 'pengen', 'ancam', 'mengancam']);
const WISHED_EVENTS: ReadonlySet<Category> = new Set(['unjuk_rasa']);
/** Words that set a day or an hour for an event. */
const DAY_WORDS = new Set([
  'besok',
  'lusa',
  'nanti',
  'tanggal',
  'tgl',
  'jam',
  'pukul',
  'senin',
  'selasa',
  'rabu',
  'kamis',
  'jumat',
  'sabtu',
  'minggu',
  'pekan',
]);

function anyOtherScore(scores: Partial<Record<Category, number>>, except: Category): boolean {
  for (const c of CATEGORIES) if (c !== except && c !== 'lainnya' && (scores[c] ?? 0) > 0) return true;
  return false;
}

/**
 * Two signs that together name a category: `b`, keywords of the lists above (one of them found), and `a`, words or
 * two-word phrases read on their roots, looked for only when a `b` keyword was found:
 * - a claim said to be false or asked to be checked ("padahal bukan", "tidak benar", "apa benar") about a post
 *   or an account is a hoax, whatever crime the post talks about;
 * - the state, its symbols or its ideology called unbelieving or idolatrous ("pancasila itu kafir", "hormat bendera
 *   syirik", "pemerintah thagut") is radicalism, not a quarrel between faiths.
 */
const TOGETHER: readonly {
  category: Category;
  weight: number;
  label: string;
  a: string;
  b: string;
}[] = [
  {
    category: 'hoaks',
    weight: 4.5,
    label: 'kabar palsu di media sosial',
    a: 'padahal, tidak benar, bohong, palsu, apa benar, benarkah, benar tidak',
    b: 'akun, medsos, media sosial, sosmed, postingan, posting, konten, fb, facebook, ig, instagram, tiktok, twitter, youtube, unggah, sebar, grup wa, status wa, berantai',
  },
  {
    category: 'hoaks',
    weight: 4.5,
    label: 'kabar beredar dipertanyakan',
    a: 'padahal, tidak benar, bohong, apa benar, benarkah, benar kah, benar tidak, apa betul, betul kah, betulkah, klarifikasi, dikira, disangka',
    b: 'beredar, pesan suara, voice note, voice notes, vn, rekaman suara, grup wa, pesan berantai, berantai, broadcast',
  },
  {
    category: 'radikalisme',
    weight: 4,
    label: 'bahan bom penghuni tertutup',
    a: 'tertutup, curiga, mencurigakan, tidak bergaul, tidak mau lapor',
    b: 'bahan kimia, pupuk urea, urea, amonium nitrat, serbuk mesiu, mesiu, black powder',
  },
  {
    category: 'lainnya',
    weight: 3.5,
    label: 'orang hilang dicari',
    a: 'umur, usia, balita, lansia, bocah',
    b: 'hilang',
  },
  {
    category: 'radikalisme',
    weight: 4.5,
    label: 'negara dikafirkan',
    a: 'pancasila, nkri, negara, pemerintah, aparat, hormat bendera, upacara bendera, demokrasi, konstitusi',
    b: 'kafir, thagut, thaghut, taghut, syirik, musyrik',
  },
];

interface Keyword {
  category: Category;
  weight: number;
  strong: boolean;
  /** Root words; one for a single keyword, several for a phrase. */
  words: string[];
  label: string;
}

const SINGLE = new Map<string, Keyword[]>();
const PHRASES = new Map<string, Keyword[]>();

for (const category of CATEGORIES) {
  for (const [weight, strong, list] of KEYWORDS[category]) {
    for (const raw of list.split(',')) {
      const label = raw.trim();
      if (!label) continue;
      const words = label.split(/\s+/);
      const kw: Keyword = { category, weight, strong, words, label };
      const map = words.length === 1 ? SINGLE : PHRASES;
      const key = words[0] ?? '';
      const list2 = map.get(key);
      if (list2) list2.push(kw);
      else map.set(key, [kw]);
    }
  }
}
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

const PREFIXES: readonly (readonly [string, readonly string[]])[] = [
  // prefix, then what the root may start with once the prefix is gone ('' = as is)
  ['memper', ['']],
  ['diper', ['']],
  ['meny', ['s']],
  ['peny', ['s']],
  ['meng', ['', 'k']],
  ['peng', ['', 'k']],
  ['mem', ['', 'p']],
  ['pem', ['', 'p']],
  ['men', ['', 't']],
  ['pen', ['', 't']],
  ['ber', ['']],
  ['ter', ['']],
  ['per', ['']],
  ['me', ['']],
  ['pe', ['']],
  ['di', ['']],
  ['ke', ['']],
  ['se', ['']],
  ['be', ['']],
];
const SUFFIXES = ['nya', 'lah', 'kah', 'kan', 'an', 'i'];

/** A word's roots and the keywords that may start at it. */
export interface RootedWord {
  /** The word itself first, then its possible roots. */
  roots: string[];
  /** Single keywords it matches: the word as written wins over its roots ("kebakaran" is fire, not "bakar"). */
  singles: readonly Keyword[];
  /** Phrases that may start at it, in the order of its roots. */
  phrases: readonly Keyword[];
}

// Looked up once per distinct word: vocabularies repeat, so a message costs one map lookup per word.
const wordCache = new Map<string, RootedWord>();
const WORD_CACHE_MAX = 50_000;

function stripSuffixes(w: string, out: Set<string>): void {
  for (const s of SUFFIXES) {
    // "-i" is stripped only from longer words: "terjadi" must not leave "jad".
    if (w.length - s.length >= (s === 'i' ? 4 : 3) && w.endsWith(s)) {
      const base = w.slice(0, -s.length);
      out.add(base);
      if (s === 'nya')
        for (const s2 of ['kan', 'an', 'i'])
          if (base.endsWith(s2) && base.length - s2.length >= 3) out.add(base.slice(0, -s2.length));
    }
  }
}

/** The word and its possible roots after stripping Indonesian affixes (cached: vocabularies repeat). */
export function roots(word: string): string[] {
  return rootedWord(word).roots;
}

function rootedWord(word: string): RootedWord {
  const hit = wordCache.get(word);
  if (hit) return hit;
  const rs = stripAffixes(word);
  const direct = SINGLE.get(word);
  const entry: RootedWord = {
    roots: rs,
    singles: direct ?? rs.slice(1).flatMap((r) => SINGLE.get(r) ?? []),
    phrases: rs.flatMap((r) => PHRASES.get(r) ?? []),
  };
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(word, entry);
  return entry;
}

function stripAffixes(word: string): string[] {
  const out = new Set<string>([word]);
  stripSuffixes(word, out);
  for (const [p, restore] of PREFIXES) {
    if (word.length - p.length < 3 || !word.startsWith(p)) continue;
    const rest = word.slice(p.length);
    for (const r of restore) {
      // consonant restoration applies before a vowel only: "menutup" → "tutup", "memukul" → "pukul"
      if (r && !/^[aiueo]/.test(rest)) continue;
      const base = r + rest;
      out.add(base);
      stripSuffixes(base, out);
    }
  }
  // "ke-…-an" nouns: "kebakaran" handled as its own keyword; "kecurian" → "curi"
  return [...out];
}

/** What the category scorer found. */
export interface CategoryResult {
  category: Category;
  /** 0..1; low when the choice was a guess (few or weak keywords, a close second). */
  confidence: number;
  /** The keywords that decided it, most weighty first. */
  keywords: string[];
  /** Raw score per category, before the routing rules (for priority and kind decisions). */
  scores: Partial<Record<Category, number>>;
  /** Categories with at least one strong keyword. */
  strong: Set<Category>;
  /** Every keyword found, any category. */
  allKeywords: string[];
}

/** A rule's signs by their first word: a word's roots are looked up, not every sign tried at every word. */
type Signs = Map<string, (string | null)[]>;
function signs(list: string): Signs {
  const out: Signs = new Map();
  for (const raw of list.split(',')) {
    const [first, second] = raw.trim().split(' ');
    const seconds = out.get(first!) ?? [];
    seconds.push(second ?? null);
    out.set(first!, seconds);
  }
  return out;
}
const TOGETHER_RULES = TOGETHER.map((r) => ({
  kw: { category: r.category, weight: r.weight, strong: true, words: r.label.split(' '), label: r.label } as Keyword,
  a: signs(r.a),
  b: new Set(r.b.split(',').map((x) => x.trim())),
}));

/** For each `b` keyword, the TOGETHER rules it takes part in, as bits (rule r is bit r). */
const TOGETHER_BY_B = new Map<string, number>();
TOGETHER_RULES.forEach((rule, r) => {
  for (const label of rule.b) TOGETHER_BY_B.set(label, (TOGETHER_BY_B.get(label) ?? 0) | (1 << r));
});

/** Whether one of the signs (a word or a two-word phrase, on roots) is in the text. */
function hasSign(words: RootedWord[], list: Signs): boolean {
  for (let i = 0; i < words.length; i++) {
    for (const root of words[i]!.roots) {
      const seconds = list.get(root);
      if (!seconds) continue;
      for (const second of seconds) if (second === null || words[i + 1]?.roots.includes(second)) return true;
    }
  }
  return false;
}

/** Adds the keyword of a TOGETHER rule when both of its signs are in the text. */
function addTogether(found: Found, words: RootedWord[]): void {
  // One pass over the keywords found marks the rules whose `b` sign is there (a bit per rule).
  let marked = 0;
  for (const { kw } of found.values()) marked |= TOGETHER_BY_B.get(kw.label) ?? 0;
  for (let r = 0; marked !== 0 && r < TOGETHER_RULES.length; r++) {
    if ((marked & (1 << r)) === 0) continue;
    const rule = TOGETHER_RULES[r]!;
    if (hasSign(words, rule.a))
      found.set(rule.kw, { kw: rule.kw, weight: rule.kw.weight, topic: false, wished: false });
  }
}

/** Token roots of a text (slang expanded), with the keywords each may start. */
export function rootedWords(text: string): RootedWord[] {
  return expandedWords(text).map(rootedWord);
}

// Which words a phrase used, reused between messages: a typed array per message costs more than the scoring.
let consumedBuffer = new Uint8Array(256);
function consumedFlags(n: number): Uint8Array {
  if (consumedBuffer.length < n) consumedBuffer = new Uint8Array(n * 2);
  consumedBuffer.fill(0, 0, n);
  return consumedBuffer;
}

type Found = Map<Keyword, { kw: Keyword; weight: number; topic: boolean; wished: boolean }>;

/** A keyword found at word `at`, weakened after a negation ("tidak ada tawuran"); the strongest reading counts. */
function recordHit(found: Found, words: RootedWord[], kw: Keyword, at: number): void {
  let prev = words[at - 1]?.roots[0];
  // "tidak ada korban": the negation reaches over "ada".
  if (prev === 'ada' && NEGATORS.has(words[at - 2]?.roots[0] ?? '')) prev = words[at - 2]?.roots[0];
  const topic = prev !== undefined && kw.words[0] !== prev && TOPIC_MARKERS.has(prev);
  const wished = prev !== undefined && WISH_MARKERS.has(prev);
  const weight =
    prev === undefined || kw.words[0] === prev
      ? kw.weight
      : NEGATORS.has(prev)
        ? kw.weight * NEGATED_FACTOR
        : PREVENTION_MARKERS.has(prev)
          ? kw.weight * PREVENTION_FACTOR
          : TOPIC_MARKERS.has(prev)
            ? kw.weight * TOPIC_FACTOR
            : kw.weight;
  const before = found.get(kw);
  if (!before) found.set(kw, { kw, weight, topic, wished });
  else {
    if (before.weight < weight) {
      before.weight = weight;
      before.topic = topic;
    }
    before.wished &&= wished;
  }
}

/**
 * Scores the text against every category and applies the routing rules. With no keyword at all the result is
 * `lainnya` with a confidence near zero.
 */
export function categorize(text: string, words: RootedWord[] = rootedWords(text)): CategoryResult {
  const n = words.length;
  const consumed = consumedFlags(n);
  const found: Found = new Map();
  // Phrases first: the words they use are not counted again as single keywords ("minuman keras" is not "keras").
  for (let i = 0; i < n; i++) {
    for (const kw of words[i]!.phrases) {
      let ok = i + kw.words.length <= n;
      for (let k = 1; ok && k < kw.words.length; k++) ok = words[i + k]!.roots.includes(kw.words[k]!);
      if (!ok) continue;
      recordHit(found, words, kw, i);
      for (let k = 0; k < kw.words.length; k++) consumed[i + k] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    if (consumed[i]) continue;
    const w = words[i]!;
    // "pukul 21.00" tells the time; only "pukul" without a number is a blow.
    if (w.roots[0] === 'pukul' && /^\d/.test(words[i + 1]?.roots[0] ?? '')) continue;
    for (const kw of w.singles) recordHit(found, words, kw, i);
  }

  addTogether(found, words);
  const scores: Partial<Record<Category, number>> = {};
  const strong = new Set<Category>();
  const topics = new Set<Category>();
  let wishedOnly: Category | null = null;
  let identityGroups = false;
  let individualActor = false;
  let groupClash = false;
  let demoNamed = false;
  for (const { kw, weight, topic, wished } of found.values()) {
    scores[kw.category] = (scores[kw.category] ?? 0) + weight;
    if (kw.strong && weight >= kw.weight) {
      if (wished && WISHED_EVENTS.has(kw.category) && !strong.has(kw.category)) wishedOnly ??= kw.category;
      else {
        strong.add(kw.category);
        if (wishedOnly === kw.category) wishedOnly = null;
      }
    }
    if (kw.strong && topic) topics.add(kw.category);
    if (weight >= kw.weight && IDENTITY_GROUPS.has(kw.label)) identityGroups = true;
    if (weight >= kw.weight && INDIVIDUAL_ACTORS.has(kw.label)) individualActor = true;
    if (kw.category === 'konflik_sosial' && kw.strong && !ACTS_WITHOUT_GROUP.has(kw.label)) groupClash = true;
    if (kw.category === 'unjuk_rasa' && kw.strong && weight >= kw.weight && !PROTEST_ACTS.has(kw.label))
      demoNamed = true;
  }
  if (individualActor && !groupClash) strong.delete('konflik_sosial');
  // "warga mau demo" after a land grab: a demonstration only wished for, with no day or hour set, does not
  // outweigh the matter it would be about; announced for a day, it is a planned demonstration.
  if (wishedOnly !== null && (!anyOtherScore(scores, wishedOnly) || words.some((w) => DAY_WORDS.has(w.roots[0] ?? ''))))
    strong.add(wishedOnly);
  const adjusted: Partial<Record<Category, number>> = { ...scores };
  for (const t of topics) {
    if (FIGHT_CATEGORIES.includes(t)) continue;
    for (const b of FIGHT_CATEGORIES)
      if (adjusted[b] !== undefined && !strong.has(b)) adjusted[b] = (adjusted[b] ?? 0) * DOMINATED_FACTOR;
  }
  for (const a of strong) {
    for (const b of DOMINATES[a] ?? []) {
      // A category with its own strong keyword is only dominated when the dominating one is at least as strong.
      if (adjusted[b] === undefined) continue;
      // The rules docs/taxonomy.md spells out (a demo stays a demo, a hoax stays a hoax) hold whatever the counts.
      const absolute = (ABSOLUTE.has(a) && (a !== 'unjuk_rasa' || demoNamed)) || (a === 'sara' && identityGroups);
      if (!absolute && strong.has(b) && (scores[b] ?? 0) > (scores[a] ?? 0) * 1.5) continue;
      adjusted[b] = (adjusted[b] ?? 0) * DOMINATED_FACTOR;
    }
  }
  let best: Category = 'lainnya';
  let bestScore = 0;
  let second = 0;
  for (const c of CATEGORIES) {
    const s = adjusted[c] ?? 0;
    // On a tie, a category named by a strong word wins over one pieced together from weak ones.
    if (s > bestScore || (s > 0 && s === bestScore && strong.has(c) && !strong.has(best))) {
      second = bestScore;
      bestScore = s;
      best = c;
    } else if (s > second) second = s;
  }
  const byWeight = [...found.values()].sort((x, y) => y.weight - x.weight);
  const allKeywords = byWeight.map((f) => f.kw.label);
  if (bestScore === 0 || (bestScore < MIN_WEAK_SCORE && !strong.has(best))) {
    return { category: 'lainnya', confidence: 0.1, keywords: [], scores, strong, allKeywords };
  }
  // The sort is stable: the best category's keywords keep the order they have among all.
  const keywords = byWeight.filter((f) => f.kw.category === best).map((f) => f.kw.label);
  const amount = Math.min(bestScore, 9) / 9;
  const margin = (bestScore - second) / bestScore;
  // A wide margin only reassures when there is evidence behind it: one weak word alone is still a guess.
  let confidence = 0.2 + 0.5 * amount + 0.25 * margin * Math.min(1, bestScore / 4);
  if (!strong.has(best)) confidence *= 0.75;
  if (best === 'lainnya') confidence = Math.min(confidence, 0.6);
  return {
    category: best,
    confidence: Math.round(Math.min(0.98, Math.max(0.05, confidence)) * 100) / 100,
    keywords,
    scores,
    strong,
    allKeywords,
  };
}

/** Category from a structured message's field: the code ("konflik_sosial"), the label, or a plain word. */
export function categoryFromField(field: string): Category | null {
  const f = field.trim().toLowerCase();
  if (!f) return null;
  const code = f.replace(/[\s-]+/g, '_');
  if ((CATEGORIES as readonly string[]).includes(code)) return code as Category;
  for (const c of CATEGORIES) {
    const label = CATEGORY_LABELS[c].toLowerCase();
    if (label === f || label.split(' / ').includes(f)) return c;
  }
  return null;
}

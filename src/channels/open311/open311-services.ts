/** The Open311 services: the office's 13 report categories, with the codes the normalizer uses. */
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../core/normalized-message';

export const AGENCY_RESPONSIBLE = 'Badan Kesbangpol dan Linmas Kota Palopo';

/** One line per category for a partner's developer and for a resident choosing in a civic app. */
const DESCRIPTIONS: Record<Category, string> = {
  konflik_sosial: 'Perkelahian, tawuran atau bentrokan antarwarga atau antarkelompok.',
  unjuk_rasa: 'Demonstrasi, aksi massa atau pengerahan massa yang direncanakan atau sedang terjadi.',
  sara: 'Ketegangan atau ujaran yang menyangkut suku, agama, ras atau antargolongan.',
  radikalisme: 'Penyebaran paham radikal, ajakan kekerasan atau kegiatan yang mencurigakan terkait terorisme.',
  penyakit_masyarakat: 'Minuman keras, narkoba, perjudian, prostitusi dan sejenisnya.',
  kriminalitas: 'Pencurian, penganiayaan atau kejahatan lain yang meresahkan warga.',
  politik_pemilu: 'Pelanggaran atau ketegangan terkait pemilu dan kegiatan politik.',
  hoaks: 'Kabar bohong atau ujaran kebencian yang beredar di masyarakat.',
  sengketa_lahan: 'Sengketa tanah, batas wilayah atau sumber daya alam.',
  bencana: 'Banjir, longsor, kebakaran, gempa atau bencana lain.',
  ormas: 'Kegiatan organisasi kemasyarakatan yang meresahkan.',
  orang_asing: 'Keberadaan atau kegiatan orang asing yang mencurigakan.',
  lainnya: 'Laporan lain tentang keamanan dan ketertiban masyarakat.',
};

export interface Open311Service {
  service_code: Category;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export const OPEN311_SERVICES: Open311Service[] = CATEGORIES.map((code) => ({
  service_code: code,
  service_name: CATEGORY_LABELS[code],
  description: DESCRIPTIONS[code],
  metadata: false,
  type: 'realtime',
  keywords: code.replace(/_/g, ', '),
  group: 'Deteksi dini',
}));

export function isServiceCode(code: unknown): code is Category {
  return typeof code === 'string' && (CATEGORIES as readonly string[]).includes(code);
}

/** What the normalizer makes of one message (docs/api.md, "Normalized message"). */
import type { Channel } from './channel';

export const MESSAGE_KINDS = ['report', 'status_query', 'question', 'noise', 'auto_reply'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a `question` asks: each has its help text in the settings. */
export const QUESTION_TOPICS = ['how_to_report', 'office_hours', 'about'] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = [
  'konflik_sosial',
  'unjuk_rasa',
  'sara',
  'radikalisme',
  'penyakit_masyarakat',
  'kriminalitas',
  'politik_pemilu',
  'hoaks',
  'sengketa_lahan',
  'bencana',
  'ormas',
  'orang_asing',
  'lainnya',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Labels shown to staff (docs/taxonomy.md). */
export const CATEGORY_LABELS: Record<Category, string> = {
  konflik_sosial: 'Konflik sosial / tawuran',
  unjuk_rasa: 'Unjuk rasa',
  sara: 'Isu SARA',
  radikalisme: 'Radikalisme / terorisme',
  penyakit_masyarakat: 'Penyakit masyarakat',
  kriminalitas: 'Kriminalitas',
  politik_pemilu: 'Politik / pemilu',
  hoaks: 'Hoaks / ujaran kebencian',
  sengketa_lahan: 'Sengketa lahan / SDA',
  bencana: 'Bencana / kebakaran',
  ormas: 'Ormas',
  orang_asing: 'Orang asing',
  lainnya: 'Lainnya',
};

export interface NormalizedLocation {
  kecamatan: string | null;
  kecamatanCode: string | null;
  kelurahan: string | null;
  kelurahanCode: string | null;
  /** Without leading zeros, as a string ("2"). */
  rt: string | null;
  rw: string | null;
  street: string | null;
  /** Landmarks, other places named, WhatsApp address and label. */
  text: string | null;
  /** Only from a WhatsApp location message; never guessed. */
  latitude?: number | null;
  longitude?: number | null;
}

export interface NormalizedReporter {
  /** E.164, or null for alphanumeric senders and email. */
  phone: string | null;
  email: string | null;
  name: string | null;
}

/** The words that decided each field of the reading, shown to staff ("tawuran → kategori Konflik sosial"). */
export interface NormalizedReasons {
  kind: string[];
  category: string[];
  priority: string[];
}

export interface NormalizedMessage {
  kind: MessageKind;
  category: Category | null;
  categoryConfidence: number;
  priority: Priority;
  title: string;
  summary: string;
  location: NormalizedLocation;
  occurredAt: string | null;
  reporter: NormalizedReporter;
  /** Uppercase with the dash: "HK-7Q3F2K". */
  referenceCodes: string[];
  keywords: string[];
  /** Kind `question` only: what it asks, which help text answers it. */
  questionTopic?: QuestionTopic;
  /** Per field, the words (as the rules know them) that decided kind, category and priority. */
  reasons: NormalizedReasons;
  /** Email only: must never be answered automatically (lists, X-Auto-Response-Suppress), though it is read. */
  doNotAutoReply?: boolean;
}

/** What the normalizer reads: the `halo normalize` input line, plus optional channel extras. */
export interface NormalizeInput {
  channel: Channel;
  from: string;
  subject?: string | null;
  text: string;
  /** ISO-8601. */
  receivedAt: string;
  /** Email header fields, names lowercased, values as strings or arrays. */
  headers?: Record<string, string | string[]>;
  /** Display name the provider gave (WhatsApp ProfileName, email display name). */
  profileName?: string | null;
  /** WhatsApp location message. */
  geo?: { latitude: number; longitude: number; address?: string | null; label?: string | null } | null;
}

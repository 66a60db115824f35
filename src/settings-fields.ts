/**
 * The building blocks of a setting's definition (src/settings.ts): a zod schema for each kind of value, and how the
 * settings form shows it (`input`). Messages are in Bahasa Indonesia: admins read them next to the field.
 */
import { z } from 'zod';

export type SettingInput =
  | { kind: 'number'; unit: string; step?: number /** shown divided by this (bytes as MB) */; scale?: number }
  | { kind: 'text'; rows?: number }
  | { kind: 'template'; placeholders: string[] }
  | { kind: 'switch' }
  | { kind: 'choice'; options: [string, string][] }
  | { kind: 'weekdays' }
  | { kind: 'categories' }
  | { kind: 'hours' }
  | { kind: 'list'; item: 'email'; placeholder: string }
  | { kind: 'holidays' }
  | { kind: 'deadlines' }
  | { kind: 'whatsapp-templates'; purposes: [string, string][] };

export interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  /** The form's section. */
  group: SettingGroup;
  /** Field label and one-line help, Bahasa Indonesia. */
  label: string;
  help: string;
  input: SettingInput;
  schema: S;
  default: z.output<S>;
}

export const SETTING_GROUPS = {
  replies: 'Balasan otomatis ke pelapor',
  intake: 'Penerimaan laporan',
  followUp: 'Tindak lanjut dan petugas siaga',
  deadlines: 'Tenggat dan hari kerja',
  email: 'Email dan lampiran',
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** Lets TypeScript keep each definition's own schema type (so `Settings` is inferred from the schemas). */
export function setting<S extends z.ZodType>(d: SettingDefinition<S>): SettingDefinition<S> {
  return d;
}

export const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ message: 'harus berupa angka' })
    .int('harus bilangan bulat')
    .min(min, `paling kecil ${min} ${unit}`)
    .max(max, `paling besar ${max} ${unit}`);

export const MB = 1024 * 1024;
export const byteSize = (maxMb: number) =>
  z
    .number({ message: 'harus berupa angka' })
    .int('harus bilangan bulat (byte)')
    .min(0, 'tidak boleh negatif')
    .max(maxMb * MB, `paling besar ${maxMb} MB`);

const CLOCK_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const clockTime = z.string().regex(CLOCK_RE, 'harus jam HH:MM antara 00:00 dan 24:00');

export const officeHours = z
  .object({ from: clockTime, to: clockTime })
  .strict()
  .refine((h) => h.from < h.to, { message: 'jam selesai harus setelah jam mulai', path: ['to'] });

export const weekdays = z
  .array(z.number().int().min(1, 'hari 1 (Senin) sampai 7 (Minggu)').max(7, 'hari 1 (Senin) sampai 7 (Minggu)'))
  .min(1, 'pilih paling sedikit satu hari kerja')
  .refine((d) => new Set(d).size === d.length, 'ada hari yang tercantum dua kali');

/** Text a reporter receives; `required` placeholders must appear, no other `{…}` may. */
export function template(allowed: string[], required: string[], maxLength = 640) {
  return z
    .string()
    .trim()
    .min(1, 'tidak boleh kosong')
    .max(maxLength, `paling panjang ${maxLength} karakter`)
    .superRefine((text, ctx) => {
      for (const name of required) {
        if (!text.includes(`{${name}}`)) ctx.addIssue({ code: 'custom', message: `harus memuat {${name}}` });
      }
      for (const m of text.matchAll(/\{(\w{1,40})\}/g)) {
        if (!allowed.includes(m[1]!)) ctx.addIssue({ code: 'custom', message: `isian {${m[1]}} tidak dikenal` });
      }
    });
}

function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export const holidayEntry = z.preprocess(
  // Stored by earlier versions as bare dates.
  (v) => (typeof v === 'string' ? { date: v, name: 'Libur' } : v),
  z
    .object({
      date: z.string().refine(isCalendarDate, 'harus tanggal yang ada (TTTT-BB-HH)'),
      name: z.string().trim().min(1, 'beri nama hari libur').max(80, 'nama paling panjang 80 karakter'),
    })
    .strict(),
);

export const target = z.union([
  z.object({ minutes: z.number().min(1, 'paling sedikit 1 menit').max(10_080, 'paling lama 7 hari') }).strict(),
  z
    .object({ workingHours: z.number().min(0.5, 'paling sedikit ½ jam kerja').max(400, 'paling lama 400 jam kerja') })
    .strict(),
  z
    .object({
      workingDays: z
        .number()
        .int('harus bilangan bulat')
        .min(1, 'paling sedikit 1 hari kerja')
        .max(60, 'paling lama 60 hari kerja'),
    })
    .strict(),
]);

export const deadlineTargets = z
  .object(
    Object.fromEntries(
      ['urgent', 'high', 'normal', 'low'].map((p) => [
        p,
        z.object({ verify: target, answer: target, resolve: target }).strict(),
      ]),
    ) as Record<
      'urgent' | 'high' | 'normal' | 'low',
      z.ZodObject<{ verify: typeof target; answer: typeof target; resolve: typeof target }>
    >,
  )
  .strict();

export const OUTBOUND_PURPOSE_LABELS: [string, string][] = [
  ['ack', 'Tanda terima laporan'],
  ['status_answer', 'Jawaban status'],
  ['reply', 'Balasan petugas'],
  ['alert', 'Peringatan petugas siaga'],
  ['forward', 'Penerusan ke pemangku kepentingan'],
  ['summary', 'Ringkasan harian'],
];

export const whatsappTemplates = z.partialRecord(
  z.enum(OUTBOUND_PURPOSE_LABELS.map(([p]) => p) as [string, ...string[]], { message: 'jenis pesan tidak dikenal' }),
  z
    .object({
      contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'ContentSid harus "HX" diikuti 32 karakter heksadesimal'),
      variables: z
        .record(
          z.string().regex(/^\d{1,2}$/, 'nomor variabel 1–99'),
          z.string().max(200, 'paling panjang 200 karakter'),
        )
        .optional(),
    })
    .strict(),
);

export const emailList = z
  .array(z.email('alamat email tidak valid'))
  .max(20, 'paling banyak 20 alamat')
  .refine((l) => new Set(l.map((e) => e.toLowerCase())).size === l.length, 'ada alamat yang tercantum dua kali');

/**
 * A roster entry as people type it (CLI flags, the admin form, the JSON API), validated once: phones to E.164,
 * `--days 1-5` / `1,3,5` to ISO days, `--from`/`--to` both or neither, the preferred channel's address present.
 */
import { z } from 'zod';
import type { NewDutyEntry } from '../db/repos/duty-roster';
import { formatClockTime, parseClockTime } from './local-time';
import { phoneInput } from './phone-input';

/** "1-5", "1,3,5", "6-7,1", [1,2] → sorted unique ISO days; throws on anything outside 1–7. */
export function parseDays(value: string | number[] | null | undefined): number[] {
  if (value === null || value === undefined || value === '') return [];
  const parts = Array.isArray(value) ? value.map(String) : value.split(',').map((p) => p.trim());
  const days = new Set<number>();
  for (const part of parts) {
    const m = /^([1-7])(?:\s*-\s*([1-7]))?$/.exec(part);
    if (!m) throw new Error(`days: tulis hari seperti 1-5 atau 1,3,5 (1 = Senin), bukan "${part}"`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`days: rentang hari harus naik (${part})`);
    for (let d = from; d <= to; d++) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

const clock = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    try {
      return formatClockTime(parseClockTime(v) % 1440);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

export const dutyInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: phoneInput(),
    whatsapp: phoneInput(),
    email: z
      .string()
      .trim()
      .email()
      .nullish()
      .transform((v) => v?.toLowerCase() ?? null),
    channel: z.enum(['sms', 'whatsapp', 'email']).optional(),
    days: z
      .union([z.string(), z.array(z.number().int())])
      .nullish()
      .transform((v, ctx) => {
        try {
          return parseDays(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    from: clock,
    to: clock,
  })
  .transform((v, ctx): NewDutyEntry => {
    if ((v.from === null) !== (v.to === null)) {
      ctx.addIssue({ code: 'custom', message: 'from dan to: isi kedua jam atau kosongkan keduanya' });
      return z.NEVER;
    }
    const channel = v.channel ?? (v.phone ? 'sms' : v.whatsapp ? 'whatsapp' : 'email');
    const address = { sms: v.phone, whatsapp: v.whatsapp ?? v.phone, email: v.email }[channel];
    if (!address) {
      ctx.addIssue({ code: 'custom', message: `kanal ${channel} memerlukan alamatnya (telepon, WhatsApp atau email)` });
      return z.NEVER;
    }
    return {
      name: v.name,
      phone: v.phone,
      whatsapp: v.whatsapp,
      email: v.email,
      channel,
      days: v.days,
      from: v.from,
      to: v.to,
    };
  });

export type DutyInput = z.input<typeof dutyInputSchema>;

/** Validates a roster entry; the error message names the field. */
export function parseDutyInput(input: unknown): { ok: true; entry: NewDutyEntry } | { ok: false; error: string } {
  const parsed = dutyInputSchema.safeParse(input, { error: z.locales.id().localeError });
  if (parsed.success) return { ok: true, entry: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.');
  return { ok: false, error: `${path ? `${path}: ` : ''}${issue?.message ?? 'tidak sah'}` };
}

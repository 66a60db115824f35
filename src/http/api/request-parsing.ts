/** Strict parsing of what a request carries: a 400 with a clear message in Bahasa Indonesia, never a 500. */
import type { z } from 'zod';
import { HttpError } from '../http-errors';

/** A zod-validated body; the first problem is named with its field. */
export function parseRequestBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      'bad_request',
      `${issue?.path.join('.') || 'isi permintaan'}: ${issue?.message ?? 'tidak valid'}`,
    );
  }
  return parsed.data;
}

/** A path id: digits only (ids are bigints carried as strings). */
export function parseId(value: string, what = 'id'): string {
  if (!/^\d{1,18}$/.test(value)) throw new HttpError(400, 'bad_request', `${what}: harus berupa angka`);
  return value;
}

/** Request bodies checked by a zod schema; the first problem becomes a 400 naming the field, in Bahasa Indonesia. */
import { z } from 'zod';
import { HttpError } from '../http-errors';

// zod's own Indonesian messages ("Terlalu kecil: …"), chosen per parse so that the CLI and start-up keep theirs.
const indonesian = z.locales.id().localeError;

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, code = 'bad_request'): T {
  const parsed = schema.safeParse(body ?? {}, { error: indonesian });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, code, `${issue?.path.join('.') || 'isi permintaan'}: ${issue?.message ?? 'tidak sah'}`);
  }
  return parsed.data;
}

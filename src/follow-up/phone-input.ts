/**
 * A phone number field as staff type it ("0812…", "+62 812 …", "0812-3456-7890"), stored as E.164 through the
 * project's one phone parser (src/shared/phone-number.ts). Empty means none.
 */
import { z } from 'zod';
import { toE164 } from '../shared/phone-number';

export const phoneInput = () =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const e164 = toE164(v);
      if (!e164) {
        ctx.addIssue({
          code: 'custom',
          message: 'bukan nomor telepon (contoh 0812-3456-7890 atau +62 812 3456 7890)',
        });
        return z.NEVER;
      }
      return e164;
    });

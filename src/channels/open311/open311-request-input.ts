/** The fields of `POST requests.json` (GeoReport v2), checked strictly; messages in Bahasa Indonesia. */
import { z } from 'zod';
import { isServiceCode } from './open311-services';

const text = (max: number) => z.string().trim().max(max, `paling banyak ${max} karakter`);
const coordinate = (min: number, max: number) =>
  z
    .union([z.string().trim(), z.number()])
    .transform((v) => (v === '' ? undefined : Number(v)))
    .refine((v) => v === undefined || (Number.isFinite(v) && v >= min && v <= max), `harus angka ${min}..${max}`);

export const serviceRequestInput = z
  .object({
    api_key: z.string({ error: 'api_key wajib diisi' }).min(1, 'api_key wajib diisi').max(200),
    jurisdiction_id: text(100).optional(),
    service_code: z.string({ error: 'service_code wajib diisi' }).refine(isServiceCode, 'service_code tidak dikenal'),
    lat: coordinate(-90, 90).optional(),
    long: coordinate(-180, 180).optional(),
    address_string: text(300).optional(),
    address_id: text(100).optional(),
    email: z.union([z.literal(''), z.string().trim().email('email tidak valid').max(320)]).optional(),
    device_id: text(200).optional(),
    account_id: text(200).optional(),
    first_name: text(100).optional(),
    last_name: text(100).optional(),
    phone: text(40).optional(),
    description: z
      .string({ error: 'description wajib diisi' })
      .trim()
      .min(1, 'description wajib diisi')
      .max(4000, 'description paling banyak 4000 karakter'),
    media_url: text(2000).optional(),
  })
  // Attributes (`attribute[code]`) are not used by any service: accepted and ignored, like unknown fields.
  .loose()
  .refine((r) => (r.lat !== undefined) === (r.long !== undefined), 'lat dan long harus diisi bersama')
  .refine(
    (r) => r.lat !== undefined || r.address_string || r.address_id,
    'lokasi wajib diisi: lat dan long, atau address_string',
  );

export type ServiceRequestInput = z.infer<typeof serviceRequestInput>;

/** The first problem of a request, as one line. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.');
  return field ? `${field}: ${issue?.message}` : (issue?.message ?? 'permintaan tidak valid');
}

/**
 * A report posted by the RT heads' app → the RawMessage of channel 'app' it becomes. The client makes the id
 * (a UUID kept in the phone's outbox): the same report sent twice has the same external id, so the queue's job id
 * and raw_messages' unique key store it once, however often a weak connection makes the app retry.
 */
import { z } from 'zod';
import { CATEGORIES } from '../core/normalized-message';
import type { RawMessage } from '../core/raw-message';
import type { Reporter } from '../db/repos/reporters';

export const APP_PROVIDER = 'app';
export const MAX_PHOTOS = 4;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const appReportBody = z.object({
  id: z.string().uuid('id laporan harus UUID'),
  text: z.string().trim().min(3, 'tulis apa yang terjadi (minimal 3 huruf)').max(4000, 'laporan terlalu panjang'),
  category: z.enum(CATEGORIES).nullable().optional(),
  urgent: z.boolean().optional().default(false),
  occurredAt: z.string().datetime({ offset: true, message: 'waktu kejadian tidak sah' }).nullable().optional(),
  location: z
    .object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      accuracy: z.number().min(0).max(100_000).optional(),
    })
    .nullable()
    .optional(),
  photos: z
    .array(z.object({ type: z.enum(PHOTO_TYPES, 'foto harus JPEG, PNG atau WebP'), data: z.string().min(1) }))
    .max(MAX_PHOTOS, `paling banyak ${MAX_PHOTOS} foto`)
    .optional()
    .default([]),
});
export type AppReportBody = z.infer<typeof appReportBody>;

export function appExternalId(reporterId: string, clientId: string): string {
  return `${reporterId}:${clientId.toLowerCase()}`;
}

/** The first bytes each allowed type starts with: a photo is what it says it is, or it is refused. */
export function looksLike(type: (typeof PHOTO_TYPES)[number], bytes: Buffer): boolean {
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (type === 'image/png')
    return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
}

export function appRawMessage(
  reporter: Reporter,
  body: AppReportBody,
  photos: { id: string; contentType: string }[],
  receivedAt: Date,
): RawMessage {
  const accuracy = body.location?.accuracy;
  return {
    channel: 'app',
    provider: APP_PROVIDER,
    externalId: appExternalId(reporter.id, body.id),
    receivedAt: receivedAt.toISOString(),
    from: reporter.phone,
    to: null,
    text: body.text,
    profileName: reporter.name,
    params: {
      ...(body.category ? { category: body.category } : {}),
      urgent: body.urgent ? '1' : '0',
      ...(body.occurredAt ? { occurredAt: body.occurredAt } : {}),
    },
    geo: body.location
      ? {
          latitude: body.location.latitude,
          longitude: body.location.longitude,
          label: accuracy !== undefined ? `GPS ±${Math.round(accuracy)} m` : 'GPS',
        }
      : null,
    media: photos.map((p) => ({ url: `app-photo:${p.id}`, contentType: p.contentType })),
  };
}

/**
 * Reports staff take by phone or at the desk ("Catat laporan"). The entry becomes a RawMessage of channel phone or
 * walk_in and goes on the inbound queue like any provider's message, so the same worker applies the same rules
 * (identity, threading, possible duplicates, deadlines, on-duty alerts). The form's submission id is the message's
 * identity: a double click queues one job and stores one message.
 */
import { z } from 'zod';
import { queueInbound } from '../channels/queue-inbound';
import { DomainError } from '../core/domain-error';
import { CATEGORIES, type NormalizedMessage, PRIORITIES } from '../core/normalized-message';
import type { RawMessage, StaffEntry } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import { rawMessageOutcome } from '../db/repos/raw-messages';
import type { StaffUser } from '../db/repos/users';
import { normalize } from '../normalize';
import type { Gazetteer } from '../normalize/gazetteer';
import type { Queues } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';
import { toE164 } from '../shared/phone-number';
import { locationFields, rtRw } from './incident-changes';

export const STAFF_CHANNELS = ['phone', 'walk_in'] as const;

const isoInstant = z.iso.datetime({ offset: true, message: 'harus tanggal dan jam ISO-8601 dengan zona waktu' });

export const staffReportSchema = z
  .object({
    /** Made by the form when it opens; the same id twice is the same report. */
    submissionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'harus 8–64 huruf, angka atau tanda minus'),
    channel: z.enum(STAFF_CHANNELS, { message: 'harus "phone" (Telepon) atau "walk_in" (Datang langsung)' }),
    text: z.string().trim().min(1, 'isi laporan kosong').max(4000, 'paling banyak 4.000 karakter'),
    reporterPhone: z.string().trim().max(40).nullable().optional(),
    reporterName: z.string().trim().max(120).nullable().optional(),
    receivedAt: isoInstant.nullable().optional(),
    category: z.enum(CATEGORIES).nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    location: z
      .object({ kelurahanCode: z.string().max(20).nullable().optional(), rt: rtRw.optional(), rw: rtRw.optional() })
      .strict()
      .optional(),
    occurredAt: isoInstant.nullable().optional(),
    sendCode: z.boolean().optional(),
  })
  .strict();

export type StaffReport = z.infer<typeof staffReportSchema>;

/** Calls taken a little while ago are fine; a time in the future or years back is a typing mistake. */
const MAX_AGE_DAYS = 60;
const CLOCK_SKEW_MS = 5 * 60_000;

/** The RawMessage for a staff entry; throws a 400 for what the schema cannot see (phone, place, times). */
export function staffRawMessage(
  report: StaffReport,
  user: StaffUser,
  gazetteer: Gazetteer,
  now = new Date(),
): RawMessage {
  const phone = report.reporterPhone ? toE164(report.reporterPhone) : null;
  if (report.reporterPhone && !phone)
    throw new DomainError(
      'invalid',
      'bad_request',
      'reporterPhone: nomor telepon tidak dikenali (contoh: 0812 3456 7890)',
    );
  if (report.sendCode && !phone)
    throw new DomainError(
      'invalid',
      'bad_request',
      'sendCode: kode hanya bisa dikirim lewat SMS bila nomor telepon diisi',
    );
  const receivedAt = report.receivedAt ? new Date(report.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new DomainError('invalid', 'bad_request', 'receivedAt: waktu diterima tidak boleh di masa depan');
  if (receivedAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000)
    throw new DomainError('invalid', 'bad_request', `receivedAt: lebih dari ${MAX_AGE_DAYS} hari yang lalu`);

  const fields: StaffEntry['fields'] = {};
  if (report.category !== undefined) fields.category = report.category;
  if (report.priority !== undefined) fields.priority = report.priority;
  if (report.occurredAt !== undefined) fields.occurredAt = report.occurredAt;
  if (report.location) {
    const code = report.location.kelurahanCode || null;
    if (code && !gazetteer.kelurahan.some((k) => k.code === code))
      throw new DomainError('invalid', 'bad_location', `location.kelurahanCode: kelurahan ${code} tidak dikenal`);
    const place = locationFields(gazetteer, code);
    fields.location = {
      kecamatan: place.kecamatan ?? null,
      kecamatanCode: place.kecamatan_code ?? null,
      kelurahan: place.kelurahan ?? null,
      kelurahanCode: place.kelurahan_code ?? null,
      rt: report.location.rt ?? null,
      rw: report.location.rw ?? null,
    };
  }
  return {
    channel: report.channel,
    provider: 'staff',
    externalId: report.submissionId,
    receivedAt: receivedAt.toISOString(),
    // Without a number the sender is the entry itself: each anonymous report stays its own contact.
    from: phone ?? `${report.channel}:${report.submissionId}`,
    text: report.text,
    profileName: report.reporterName || null,
    staffEntry: { userId: user.id, fields, sendCode: report.sendCode === true },
  };
}

export type StaffReportOutcome =
  | { state: 'stored'; incidentId: string; created: boolean }
  /** Queued, but no worker stored it within the wait (the normalize role is down or far behind). */
  | { state: 'queued' };

/** How long the request waits for the worker before answering that the report is queued. */
export const STORE_WAIT_MS = 20_000;

/**
 * Queues a staff entry and waits until the worker has stored it. Queueing the same message twice is harmless: the
 * job id dedupes while the job exists, and a later job finds the message stored.
 */
export async function submitStaffReport(
  deps: { db: DbOrTrx; redis: RedisClient; queues: Pick<Queues, 'addInbound'> },
  raw: RawMessage,
  waitMs = STORE_WAIT_MS,
): Promise<StaffReportOutcome> {
  await queueInbound(deps, raw);
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const outcome = await rawMessageOutcome(deps.db, raw.channel, raw.externalId);
    if (outcome?.incidentId) return { state: 'stored', incidentId: outcome.incidentId, created: outcome.created };
    if (Date.now() >= deadline) return { state: 'queued' };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** What the normalizer reads in a text as staff type it: the pure function, no storage. */
export function previewReading(
  text: string,
  receivedAt: string,
  gazetteer: Gazetteer,
  timezone: string,
): Pick<NormalizedMessage, 'kind' | 'category' | 'priority' | 'location' | 'occurredAt' | 'keywords'> {
  const n = normalize({ channel: 'phone', from: '', text, receivedAt }, { gazetteer, timezone });
  return {
    kind: n.kind,
    category: n.category,
    priority: n.priority,
    location: n.location,
    occurredAt: n.occurredAt,
    keywords: n.keywords,
  };
}

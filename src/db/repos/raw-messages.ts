/** raw_messages: every inbound message as received, unique on (channel, external_id). */
import { sql } from 'kysely';
import type { RawMessage } from '../../core/raw-message';
import type { DbOrTrx } from '../connection';
import type { RawMessageRow } from '../database';

/** The payload kept as JSON: the message without its raw source, which goes to its own bytea column. */
function payloadOf(raw: RawMessage): Record<string, unknown> {
  const { rawSource: _source, ...rest } = raw;
  return rest as unknown as Record<string, unknown>;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, which a broken phone or a hostile sender can put in a message.
 * Such characters become U+FFFD in the columns, and the message as received is kept byte for byte in raw_source.
 */
const NUL = /\u0000/g;
const clean = (value: string | null | undefined): string | null => (value == null ? null : value.replace(NUL, '\uFFFD'));

/** Stores the message unless it is already stored; returns the stored row either way. */
export async function storeRawMessage(db: DbOrTrx, raw: RawMessage): Promise<RawMessageRow> {
  let hasNul = false;
  const payload = JSON.stringify(payloadOf(raw), (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.includes('\u0000')) return value;
    hasNul = true;
    return clean(value);
  });
  const source = raw.rawSource
    ? Buffer.from(raw.rawSource, 'base64')
    : hasNul
      ? Buffer.from(JSON.stringify(raw), 'utf8')
      : null;
  const inserted = await db
    .insertInto('raw_messages')
    .values({
      channel: raw.channel,
      provider: raw.provider,
      external_id: raw.externalId,
      received_at: raw.receivedAt,
      from_address: clean(raw.from) ?? '',
      to_address: clean(raw.to),
      subject: clean(raw.subject),
      payload,
      raw_source: source,
      size_bytes: source?.length ?? raw.tooLarge?.size ?? Buffer.byteLength(raw.text ?? ''),
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  return db
    .selectFrom('raw_messages')
    .selectAll()
    .where('channel', '=', raw.channel)
    .where('external_id', '=', raw.externalId)
    .executeTakeFirstOrThrow();
}

export async function findRawMessage(
  db: DbOrTrx,
  channel: string,
  externalId: string,
): Promise<RawMessageRow | undefined> {
  return db
    .selectFrom('raw_messages')
    .selectAll()
    .where('channel', '=', channel as RawMessageRow['channel'])
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function markRawProcessed(
  db: DbOrTrx,
  id: string,
  fields: { kind: string; contactId: string | null },
): Promise<void> {
  await db
    .updateTable('raw_messages')
    .set({ state: 'processed', kind: fields.kind, contact_id: fields.contactId, error: null, processed_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markRawUnreadable(db: DbOrTrx, id: string, reason: string): Promise<void> {
  await db
    .updateTable('raw_messages')
    .set({ state: 'unreadable', error: reason.slice(0, 2000), processed_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Counts an attempt and its error, so staff can see a message that keeps failing before it is a dead letter. */
export async function recordRawError(db: DbOrTrx, id: string, error: string): Promise<void> {
  await db
    .updateTable('raw_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), error: error.slice(0, 2000) }))
    .where('id', '=', id)
    .execute();
}

/** The RawMessage a stored row was made from (for `halo replay` and dead-letter retries). */
export function toRawMessage(row: RawMessageRow): RawMessage {
  const payload = row.payload as unknown as RawMessage;
  return {
    ...payload,
    channel: row.channel,
    provider: row.provider,
    externalId: row.external_id,
    receivedAt: row.received_at.toISOString(),
    rawSource: row.raw_source ? row.raw_source.toString('base64') : null,
  };
}

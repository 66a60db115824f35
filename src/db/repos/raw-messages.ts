/** raw_messages: every inbound message as received, unique on (channel, external_id). */
import { sql } from 'kysely';
import type { RawMessage } from '../../core/raw-message';
import { storableValue } from '../../core/storable-text';
import type { DbOrTrx } from '../connection';
import type { RawMessageRow } from '../database';

/** The payload kept as JSON: the message without its raw source, which goes to its own bytea column. */
function payloadOf(raw: RawMessage): Record<string, unknown> {
  const { rawSource: _source, ...rest } = raw;
  return rest as unknown as Record<string, unknown>;
}

/**
 * PostgreSQL cannot hold U+0000 (text, jsonb) nor lone surrogates (jsonb), which a broken phone or a hostile
 * sender can put in a message. They become U+FFFD in the columns (the external id too, consistently, so that a
 * redelivery finds the row), and the message as received is kept byte for byte in raw_source (as JSON, whose
 * escapes keep both).
 */
/** What storing a message answers with: its row's id and state (the payload and source stay in the database). */
export type StoredRawMessage = Pick<RawMessageRow, 'id' | 'state'>;

export async function storeRawMessage(db: DbOrTrx, raw: RawMessage): Promise<StoredRawMessage> {
  const [row] = await storeRawMessages(db, [raw]);
  if (!row) throw new Error('raw_message_not_stored: the row was neither inserted nor found');
  return row;
}

function rawRowOf(raw: RawMessage) {
  const m = storableValue(raw);
  const source = raw.rawSource
    ? Buffer.from(raw.rawSource, 'base64')
    : m !== raw
      ? Buffer.from(JSON.stringify(raw), 'utf8')
      : null;
  return {
    channel: m.channel,
    provider: m.provider,
    external_id: m.externalId,
    received_at: m.receivedAt,
    from_address: m.from ?? '',
    to_address: m.to ?? null,
    subject: m.subject ?? null,
    payload: JSON.stringify(payloadOf(m)),
    raw_source: source,
    size_bytes: source?.length ?? raw.tooLarge?.size ?? Buffer.byteLength(raw.text ?? ''),
  };
}

const identityOf = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;

/**
 * Stores many messages in one statement (a second delivery, or the same message twice in the list, finds the row
 * stored first) and returns each message's row, in the order given.
 */
export async function storeRawMessages(db: DbOrTrx, raws: RawMessage[]): Promise<StoredRawMessage[]> {
  if (raws.length === 0) return [];
  const values = raws.map(rawRowOf);
  const inserted = await db
    .insertInto('raw_messages')
    .values(values)
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning(['id', 'state', 'channel', 'external_id'])
    .execute();
  const byIdentity = new Map(inserted.map((r) => [identityOf(r.channel, r.external_id), r]));
  const missing = values.filter((v) => !byIdentity.has(identityOf(v.channel, v.external_id)));
  if (missing.length > 0) {
    const found = await db
      .selectFrom('raw_messages')
      .select(['id', 'state', 'channel', 'external_id'])
      .where((eb) =>
        eb.or(missing.map((v) => eb.and([eb('channel', '=', v.channel), eb('external_id', '=', v.external_id)]))),
      )
      .execute();
    for (const r of found) byIdentity.set(identityOf(r.channel, r.external_id), r);
  }
  return values.map((v) => {
    const row = byIdentity.get(identityOf(v.channel, v.external_id));
    if (!row) throw new Error('raw_message_not_stored: the row was neither inserted nor found');
    return { id: row.id, state: row.state };
  });
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

/** The provider a raw message came through (twilio, smssync, …): a reply goes back the same way. */
export async function rawMessageProvider(db: DbOrTrx, id: string): Promise<string | null> {
  const row = await db.selectFrom('raw_messages').select('provider').where('id', '=', id).executeTakeFirst();
  return row?.provider ?? null;
}

/** Where a stored message stands (received, processed, unreadable) and what it was read as. */
export async function rawMessageState(
  db: DbOrTrx,
  id: string,
): Promise<Pick<RawMessageRow, 'state' | 'kind'> | undefined> {
  return db.selectFrom('raw_messages').select(['state', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** What the normalizer read a raw message as (report, noise, auto_reply, …), or undefined when there is none. */
export async function rawMessageKind(db: DbOrTrx, id: string): Promise<RawMessageRow['kind'] | undefined> {
  const row = await db.selectFrom('raw_messages').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind;
}

/**
 * Locks the message's row for the rest of the transaction and returns its state: a replay racing a redelivery, or
 * two batches holding the same message, wait for each other here (raw row before contact: docs/architecture.md).
 */
export async function lockRawMessageState(db: DbOrTrx, id: string): Promise<RawMessageRow['state']> {
  const row = await db
    .selectFrom('raw_messages')
    .select('state')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.state;
}

/**
 * Locks many rows in id order (the order every writer takes them in, so that two batches cannot deadlock) and
 * returns each row's state: a row another worker processed meanwhile (a replay, a redelivery) is left alone.
 */
export async function lockRawMessages(db: DbOrTrx, ids: string[]): Promise<Map<string, RawMessageRow['state']>> {
  const states = new Map<string, RawMessageRow['state']>();
  if (ids.length === 0) return states;
  const rows = await db
    .selectFrom('raw_messages')
    .select(['id', 'state'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const row of rows) states.set(row.id, row.state);
  return states;
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

/** Marks many messages processed in one statement (a batch's messages, each with its kind and contact). */
export async function markRawProcessedMany(
  db: DbOrTrx,
  rows: { id: string; kind: string; contactId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update raw_messages r
       set state = 'processed', kind = v.kind, contact_id = v.contact_id, error = null, processed_at = now()
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.kind)}::text[],
                  ${rows.map((r) => r.contactId)}::bigint[]) as v(id, kind, contact_id)
     where r.id = v.id`.execute(db);
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

/** Where a stored message went: its state and the incident it created or joined (null while none). */
export async function rawMessageOutcome(
  db: DbOrTrx,
  channel: RawMessageRow['channel'],
  externalId: string,
): Promise<{
  rawMessageId: string;
  state: RawMessageRow['state'];
  incidentId: string | null;
  created: boolean;
} | null> {
  const row = await db
    .selectFrom('raw_messages as r')
    .leftJoin('incident_messages as m', 'm.raw_message_id', 'r.id')
    .leftJoin('incidents as i', 'i.id', 'm.incident_id')
    .select(['r.id', 'r.state', 'm.incident_id', 'i.first_raw_message_id'])
    .where('r.channel', '=', channel)
    .where('r.external_id', '=', externalId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    rawMessageId: row.id,
    state: row.state,
    incidentId: row.incident_id ?? null,
    created: row.incident_id != null && String(row.first_raw_message_id) === String(row.id),
  };
}

/** Whether a stored message is part of an incident's thread. */
export async function rawMessageInThread(db: DbOrTrx, rawMessageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_messages')
    .select('id')
    .where('raw_message_id', '=', rawMessageId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface OtherMessageRow {
  id: string;
  channel: RawMessageRow['channel'];
  received_at: Date;
  from_address: string;
  subject: string | null;
  text: string | null;
  state: RawMessageRow['state'];
  kind: string | null;
  error: string | null;
}

/**
 * Messages that became no incident and joined no thread: noise, auto-replies, unreadable ones ("Pesan lain"),
 * newest first, keyset paged by id.
 */
export async function listOtherMessages(
  db: DbOrTrx,
  opts: { limit: number; cursor: string | null; show: 'noise' | 'auto_reply' | 'unreadable' | null },
): Promise<{ rows: OtherMessageRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('raw_messages as r')
    .select([
      'r.id',
      'r.channel',
      'r.received_at',
      'r.from_address',
      'r.subject',
      sql<string | null>`left(r.payload->>'text', 2000)`.as('text'),
      'r.state',
      'r.kind',
      'r.error',
    ])
    .where((eb) =>
      eb.or([
        eb('r.state', '=', 'unreadable'),
        eb.and([eb('r.state', '=', 'processed'), eb('r.kind', 'in', ['noise', 'auto_reply'])]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('incident_messages as m').select('m.id').whereRef('m.raw_message_id', '=', 'r.id'))),
    )
    .orderBy('r.id', 'desc')
    .limit(opts.limit + 1);
  if (opts.show === 'unreadable') q = q.where('r.state', '=', 'unreadable');
  else if (opts.show) q = q.where('r.state', '=', 'processed').where('r.kind', '=', opts.show);
  if (opts.cursor) q = q.where('r.id', '<', opts.cursor);
  const rows = await q.execute();
  const shown = rows.slice(0, opts.limit);
  return { rows: shown, nextCursor: rows.length > opts.limit ? (shown.at(-1)?.id ?? null) : null };
}

export type RawMessageState = RawMessageRow['state'];

export interface RawMessageSummaryRow {
  id: string;
  channel: RawMessageRow['channel'];
  provider: string;
  received_at: Date;
  from_address: string;
  subject: string | null;
  state: RawMessageState;
  error: string | null;
  attempts: number;
  size_bytes: number | null;
}

/** Stored messages in one state (the workspace's "unreadable" list), newest first, keyset paged by id. */
export async function listRawMessagesInState(
  db: DbOrTrx,
  opts: { state: RawMessageState; limit: number; cursor: string | null },
): Promise<{ rows: RawMessageSummaryRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('raw_messages')
    .select([
      'id',
      'channel',
      'provider',
      'received_at',
      'from_address',
      'subject',
      'state',
      'error',
      'attempts',
      'size_bytes',
    ])
    .where('state', '=', opts.state)
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  if (opts.cursor) q = q.where('id', '<', opts.cursor);
  const rows = await q.execute();
  const shown = rows.slice(0, opts.limit);
  return { rows: shown, nextCursor: rows.length > opts.limit ? (shown.at(-1)?.id ?? null) : null };
}

/** The message as it was queued (its payload, and the source of an email), to run it through the pipeline again. */
export async function storedRawMessage(db: DbOrTrx, id: string): Promise<RawMessage | null> {
  const row = await db
    .selectFrom('raw_messages')
    .select(['payload', 'raw_source', 'channel'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const raw = row.payload as unknown as RawMessage;
  return row.channel === 'email' && row.raw_source ? { ...raw, rawSource: row.raw_source.toString('base64') } : raw;
}

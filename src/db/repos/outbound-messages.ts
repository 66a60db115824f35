/** outbound_messages: the outbox. A row is written in the same transaction as what caused it, then queued. */

import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { OutboundMessageRow, OutboundMessagesTable, OutboundPurpose } from '../database';

export type NewOutbound = Insertable<OutboundMessagesTable>;

/** Inserts unless a row with the same dedupe_key exists; returns the new id, or null for a duplicate. */
export async function insertOutbound(db: DbOrTrx, values: NewOutbound): Promise<string | null> {
  const row = await db
    .insertInto('outbound_messages')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Inserts many rows in one statement, each unless a row with its dedupe_key exists; returns the new ids by
 * dedupe_key (a duplicate is absent).
 */
export async function insertOutbounds(db: DbOrTrx, values: NewOutbound[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (values.length === 0) return ids;
  const rows = await db
    .insertInto('outbound_messages')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning(['id', 'dedupe_key'])
    .execute();
  for (const row of rows) if (row.dedupe_key) ids.set(row.dedupe_key, row.id);
  return ids;
}

/**
 * Reads a row for delivery and records, in the same statement, that an attempt begins now. Returns the row as it
 * was before: its send_attempted_at is the previous attempt's (null on the first), which is what the transport
 * needs to know whether an earlier attempt may already have reached the provider.
 */
export async function claimForSending(db: DbOrTrx, id: string): Promise<OutboundMessageRow | undefined> {
  const { rows } = await sql<OutboundMessageRow>`
    with previous as (select * from outbound_messages where id = ${id} for update)
    update outbound_messages o set send_attempted_at = now()
      from previous where o.id = previous.id
    returning previous.*`.execute(db);
  return rows[0];
}

/** Whether another outbox row already holds this provider message id (then it is that row's message, not ours). */
export async function providerIdTaken(db: DbOrTrx, providerMessageId: string, exceptId: string): Promise<boolean> {
  const row = await db
    .selectFrom('outbound_messages')
    .select('id')
    .where('provider_message_id', '=', providerMessageId)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function getOutbound(db: DbOrTrx, id: string): Promise<OutboundMessageRow | undefined> {
  return db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setOutboundState(
  db: DbOrTrx,
  id: string,
  fields: { state: string; error?: string | null; providerMessageId?: string | null; transport?: string | null },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({
      state: fields.state,
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.providerMessageId !== undefined ? { provider_message_id: fields.providerMessageId } : {}),
      ...(fields.transport !== undefined ? { transport: fields.transport } : {}),
      ...(['sent', 'delivered', 'queued_for_gateway'].includes(fields.state)
        ? { sent_at: sql`coalesce(sent_at, now())` }
        : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Outbox rows still waiting to be queued (a crash between commit and queue.add leaves these). */
export async function pendingOutboundIds(
  db: DbOrTrx,
  where: { rawMessageId?: string; rawMessageIds?: string[]; olderThanMs?: number },
): Promise<string[]> {
  if (where.rawMessageIds?.length === 0) return [];
  let q = db.selectFrom('outbound_messages').select('id').where('state', '=', 'pending');
  if (where.rawMessageId) q = q.where('raw_message_id', '=', where.rawMessageId);
  if (where.rawMessageIds) q = q.where('raw_message_id', 'in', where.rawMessageIds);
  if (where.olderThanMs !== undefined)
    q = q.where('created_at', '<', sql<Date>`now() - make_interval(secs => ${where.olderThanMs / 1000})`);
  return (await q.orderBy('id').limit(1000).execute()).map((r) => r.id);
}

/**
 * Automatic messages written to an address in the last hour, all of `purposes` and those of `answers` among them:
 * what the loop and cost guard counts, in one look-up.
 */
export async function countRecentAutomatic(
  db: DbOrTrx,
  toAddress: string,
  purposes: readonly OutboundPurpose[],
  answers: readonly OutboundPurpose[],
): Promise<{ all: number; answers: number }> {
  const row = await db
    .selectFrom('outbound_messages')
    .select((eb) => [
      eb.fn.countAll<string>().as('all'),
      eb.fn.countAll<string>().filterWhere('purpose', 'in', answers).as('answers'),
    ])
    .where('to_address', '=', toAddress)
    .where('purpose', 'in', purposes)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), answers: Number(row.answers) };
}

/** countRecentAutomatic for many addresses in one statement, by address (an address with none counts zero). */
export async function countRecentAutomaticFor(
  db: DbOrTrx,
  toAddresses: string[],
  purposes: readonly OutboundPurpose[],
  answers: readonly OutboundPurpose[],
): Promise<Map<string, { all: number; answers: number }>> {
  const counts = new Map<string, { all: number; answers: number }>();
  if (toAddresses.length === 0) return counts;
  const rows = await db
    .selectFrom('outbound_messages')
    .select((eb) => [
      'to_address',
      eb.fn.countAll<string>().as('all'),
      eb.fn.countAll<string>().filterWhere('purpose', 'in', answers).as('answers'),
    ])
    .where('to_address', 'in', [...new Set(toAddresses)])
    .where('purpose', 'in', purposes)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .groupBy('to_address')
    .execute();
  for (const row of rows) counts.set(row.to_address, { all: Number(row.all), answers: Number(row.answers) });
  return counts;
}

/** Hands a row to another transport (an app reply that leaves as SMS after all). */
export async function setOutboundTransport(db: DbOrTrx, id: string, transport: string): Promise<void> {
  await db.updateTable('outbound_messages').set({ transport, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** webhook_deliveries: one row per (subscription, event), the exact body sent, and how its attempts went. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { WebhookDeliveryState } from '../database';

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  state: WebhookDeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

/** Inserts the deliveries that do not exist yet; returns the ids of those inserted. */
export async function insertDeliveries(
  trx: DbOrTrx,
  rows: { subscriptionId: string; eventId: string; eventType: string; body: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('webhook_deliveries')
    .values(
      rows.map((r) => ({
        subscription_id: r.subscriptionId,
        event_id: r.eventId,
        event_type: r.eventType,
        body: r.body,
      })),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export interface DeliveryToSend {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
  state: WebhookDeliveryState;
}

export async function findDeliveryToSend(db: DbOrTrx, id: string): Promise<DeliveryToSend | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'subscription_id', 'event_id', 'event_type', 'body', 'state'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        subscriptionId: row.subscription_id,
        eventId: row.event_id,
        eventType: row.event_type,
        body: row.body,
        state: row.state,
      }
    : undefined;
}

/** Records one attempt; `state` moves only out of 'pending' (a delivered row never goes back). */
export async function recordAttempt(
  db: DbOrTrx,
  id: string,
  outcome: { state: WebhookDeliveryState; status: number | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      state: outcome.state,
      attempts: sql`attempts + 1`,
      last_status: outcome.status,
      last_error: outcome.error,
      last_attempt_at: sql`now()`,
      ...(outcome.state === 'delivered' ? { delivered_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

/** Pending deliveries older than `olderThanMs`: queued again by the sweep (the job id dedupes the queued ones). */
export async function pendingDeliveryIds(db: DbOrTrx, olderThanMs: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('state', '=', 'pending')
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

/** A subscription's delivery log, newest first, keyset-paged by id. */
export async function listDeliveries(
  db: DbOrTrx,
  subscriptionId: string,
  page: { limit: number; cursor?: string | null },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'event_id',
      'event_type',
      'state',
      'attempts',
      'last_status',
      'last_error',
      'created_at',
      'last_attempt_at',
      'delivered_at',
    ])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.cursor) q = q.where('id', '<', page.cursor);
  const rows = await q.execute();
  const shown = rows.slice(0, page.limit);
  return {
    items: shown.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      state: r.state,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
      deliveredAt: r.delivered_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null,
  };
}

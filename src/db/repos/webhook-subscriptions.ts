/** webhook_subscriptions: partners' URLs, the events they want, whether they may see reporters' identities. */
import { type Selectable, sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { WebhookSubscriptionsTable } from '../database';

export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  events: string[];
  trusted: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** With the secret: only the delivery worker reads it; the API never shows it after creation. */
export interface SigningSubscription extends WebhookSubscription {
  secret: string;
}

const COLUMNS = ['id', 'name', 'url', 'events', 'trusted', 'active', 'created_at', 'updated_at'] as const;

function toSubscription(r: Pick<Selectable<WebhookSubscriptionsTable>, (typeof COLUMNS)[number]>): WebhookSubscription {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: r.events,
    trusted: r.trusted,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function insertSubscription(
  db: DbOrTrx,
  s: { name: string; url: string; secret: string; events: string[]; trusted: boolean; createdBy: string },
): Promise<WebhookSubscription> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({
      name: s.name,
      url: s.url,
      secret: s.secret,
      events: s.events,
      trusted: s.trusted,
      created_by: s.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

export async function listSubscriptions(db: DbOrTrx): Promise<WebhookSubscription[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select(COLUMNS)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toSubscription);
}

export async function findSubscription(db: DbOrTrx, id: string): Promise<WebhookSubscription | undefined> {
  const row = await db
    .selectFrom('webhook_subscriptions')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** Active subscriptions with their secrets: whom the dispatcher delivers an event to. */
export async function activeSubscriptions(db: DbOrTrx): Promise<SigningSubscription[]> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select([...COLUMNS, 'secret'])
    .where('deleted_at', 'is', null)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => ({ ...toSubscription(r), secret: r.secret }));
}

export async function signingSubscription(db: DbOrTrx, id: string): Promise<SigningSubscription | undefined> {
  const row = await db
    .selectFrom('webhook_subscriptions')
    .select([...COLUMNS, 'secret'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...toSubscription(row), secret: row.secret } : undefined;
}

export async function updateSubscription(
  db: DbOrTrx,
  id: string,
  change: Partial<{ name: string; url: string; secret: string; events: string[]; trusted: boolean; active: boolean }>,
): Promise<WebhookSubscription | undefined> {
  const row = await db
    .updateTable('webhook_subscriptions')
    .set({ ...change, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** Deleted subscriptions are kept (their delivery log refers to them) but never delivered to again. */
export async function deleteSubscription(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_subscriptions')
    .set({ deleted_at: sql`now()`, active: false, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Admins managing partners' webhook subscriptions (docs/integrations.md). Every change is audited, naming the
 * fields changed and whether the partner may see reporters' identities, never the secret.
 */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import type { StaffUser } from '../db/repos/users';
import {
  deleteSubscription,
  insertSubscription,
  updateSubscription,
  type WebhookSubscription,
} from '../db/repos/webhook-subscriptions';

export interface NewSubscription {
  name: string;
  url: string;
  secret: string;
  events: WebhookSubscription['events'];
  trusted: boolean;
  active: boolean;
}

export type SubscriptionChange = Parameters<typeof updateSubscription>[2];

export async function createSubscription(
  db: Db,
  user: StaffUser,
  input: NewSubscription,
): Promise<WebhookSubscription> {
  return db.transaction().execute(async (trx) => {
    const s = await insertSubscription(trx, {
      name: input.name,
      url: input.url,
      secret: input.secret,
      events: [...new Set(input.events)],
      trusted: input.trusted,
      createdBy: user.id,
    });
    const active = input.active ? s : await updateSubscription(trx, s.id, { active: false });
    await writeAudit(trx, {
      userId: user.id,
      action: 'webhook.create',
      details: { subscriptionId: s.id, events: s.events, trusted: s.trusted },
    });
    return active ?? s;
  });
}

/** The subscription as changed; undefined when there is none with that id. */
export async function changeSubscription(
  db: Db,
  user: StaffUser,
  id: string,
  change: SubscriptionChange,
): Promise<WebhookSubscription | undefined> {
  const unique = change.events ? { ...change, events: [...new Set(change.events)] } : change;
  return db.transaction().execute(async (trx) => {
    const s = await updateSubscription(trx, id, unique);
    if (s) {
      await writeAudit(trx, {
        userId: user.id,
        action: 'webhook.change',
        details: { subscriptionId: id, fields: Object.keys(change), trusted: s.trusted },
      });
    }
    return s;
  });
}

/** Deletes the subscription (its delivery log stays); false when there was none. */
export async function removeSubscription(db: Db, user: StaffUser, id: string): Promise<boolean> {
  if (!(await deleteSubscription(db, id))) return false;
  await writeAudit(db, { userId: user.id, action: 'webhook.delete', details: { subscriptionId: id } });
  return true;
}

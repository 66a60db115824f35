/** Which stored emails may leave their mailbox (IMAP_PROCESSED_FOLDER), and recording that they did. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface MailToMove {
  id: string;
  uid: number;
}

/**
 * Emails fetched from this mailbox generation whose processing is committed (an incident, an auto_reply record or
 * an unreadable one) and that are still in the mailbox. Mail still waiting in the queue, or retrying, stays.
 */
export async function mailToMove(
  db: DbOrTrx,
  mailbox: string,
  uidValidity: string,
  limit: number,
): Promise<MailToMove[]> {
  const rows = await db
    .selectFrom('raw_messages')
    .select(['id', sql<string>`payload->'mailbox'->>'uid'`.as('uid')])
    .where('channel', '=', 'email')
    .where('provider', '=', 'imap')
    .where('moved_at', 'is', null)
    .where('state', 'in', ['processed', 'unreadable'])
    .where(sql<string>`payload->'mailbox'->>'name'`, '=', mailbox)
    .where(sql<string>`payload->'mailbox'->>'uidValidity'`, '=', uidValidity)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, uid: Number(r.uid) }));
}

export async function markMoved(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('raw_messages').set({ moved_at: sql`now()` }).where('id', 'in', ids).execute();
}

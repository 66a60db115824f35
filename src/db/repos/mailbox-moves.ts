/** Which stored emails may leave their mailbox (IMAP_PROCESSED_FOLDER), and recording that they did. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { fromMailboxGeneration, mailboxUid } from './mailbox-state';

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
    .select(['id', mailboxUid.as('uid')])
    .where(fromMailboxGeneration(mailbox, uidValidity))
    .where('provider', '=', 'imap')
    .where('moved_at', 'is', null)
    .where('state', 'in', ['processed', 'unreadable'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, uid: Number(r.uid) }));
}

export async function markMoved(db: DbOrTrx, ids: string[]): Promise<void> {
  await db.updateTable('raw_messages').set({ moved_at: sql`now()` }).where('id', 'in', ids).execute();
}

/** mailbox_state: the IMAP checkpoint per mailbox (UIDVALIDITY as text, last UID queued) and its health. */
import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { Database } from '../database';

export interface MailboxCheckpoint {
  mailbox: string;
  /** imapflow reads UIDVALIDITY as a BigInt: kept as its decimal text. */
  uidValidity: string | null;
  lastUid: number;
  lastSyncAt: Date | null;
  lastError: string | null;
}

export async function getCheckpoint(db: DbOrTrx, mailbox: string): Promise<MailboxCheckpoint | null> {
  const row = await db.selectFrom('mailbox_state').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();
  if (!row) return null;
  return {
    mailbox: row.mailbox,
    uidValidity: row.uid_validity,
    lastUid: Number(row.last_uid),
    lastSyncAt: row.last_sync_at,
    lastError: row.last_error,
  };
}

/** Moves the checkpoint (only ever called after the batch up to `lastUid` was queued). */
export async function saveCheckpoint(
  db: DbOrTrx,
  mailbox: string,
  values: { uidValidity: string; lastUid: number },
): Promise<void> {
  await db
    .insertInto('mailbox_state')
    .values({
      mailbox,
      uid_validity: values.uidValidity,
      last_uid: values.lastUid,
      last_sync_at: sql`now()`,
      last_error: null,
    })
    .onConflict((oc) =>
      oc.column('mailbox').doUpdateSet({
        uid_validity: values.uidValidity,
        last_uid: values.lastUid,
        last_sync_at: sql`now()`,
        last_error: null,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** A completed sync that found nothing new still counts as a sync. */
export async function touchCheckpoint(db: DbOrTrx, mailbox: string): Promise<void> {
  await db
    .updateTable('mailbox_state')
    .set({ last_sync_at: sql`now()`, last_error: null, updated_at: sql`now()` })
    .where('mailbox', '=', mailbox)
    .execute();
}

export async function recordMailboxError(db: DbOrTrx, mailbox: string, error: string): Promise<void> {
  await db
    .insertInto('mailbox_state')
    .values({ mailbox, last_uid: 0, last_error: error.slice(0, 2000) })
    .onConflict((oc) => oc.column('mailbox').doUpdateSet({ last_error: error.slice(0, 2000), updated_at: sql`now()` }))
    .execute();
}

/**
 * Which of these email identities are already stored: the ingester downloads only the others. Identities are
 * Message-IDs here; a message without one is always downloaded (its identity is the hash of its source).
 */
export async function storedEmailIds(db: DbOrTrx, externalIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < externalIds.length; i += 1000) {
    const chunk = externalIds.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('raw_messages')
      .select('external_id')
      .where('channel', '=', 'email')
      .where('external_id', 'in', chunk)
      .execute();
    for (const r of rows) found.add(r.external_id);
  }
  return found;
}

/** The UID an email had in the mailbox it was fetched from (the payload the ingester stored). */
export const mailboxUid = sql<string>`payload->'mailbox'->>'uid'`;

/** Raw emails fetched from one generation (UIDVALIDITY) of one mailbox, by the payload the ingester stored. */
export function fromMailboxGeneration(mailbox: string, uidValidity: string) {
  return (eb: ExpressionBuilder<Database, 'raw_messages'>) =>
    eb.and([
      eb('channel', '=', 'email'),
      eb(sql<string>`payload->'mailbox'->>'name'`, '=', mailbox),
      eb(sql<string>`payload->'mailbox'->>'uidValidity'`, '=', uidValidity),
    ]);
}

/** UIDs of one mailbox generation that are stored: what reconcile compares. */
export async function storedMailboxUids(db: DbOrTrx, mailbox: string, uidValidity: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('raw_messages')
    .select(mailboxUid.as('uid'))
    .where(fromMailboxGeneration(mailbox, uidValidity))
    .execute();
  return new Set(rows.map((r) => Number(r.uid)));
}

/** Walks over stored raw messages for operators: replays, import summaries and the admin's list by state. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { RawMessageRow } from '../database';

/**
 * The next `limit` readable raw messages after `afterId` (received since `since`, when given), by id: a keyset, so
 * that a replay of a large store never holds all rows in memory.
 */
export async function replayableRawMessages(
  db: DbOrTrx,
  page: { afterId: string; since: Date | null; limit: number },
): Promise<RawMessageRow[]> {
  let q = db
    .selectFrom('raw_messages')
    .selectAll()
    .where('state', '!=', 'unreadable')
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(page.limit);
  if (page.since) q = q.where('received_at', '>=', page.since);
  return q.execute();
}

/** How many of these e-mail Message-IDs are stored in each state. */
export async function emailStateCounts(db: DbOrTrx, externalIds: string[]): Promise<{ state: string; n: string }[]> {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('raw_messages')
    .select(['state', sql<string>`count(*)`.as('n')])
    .where('channel', '=', 'email')
    .where('external_id', 'in', externalIds)
    .groupBy('state')
    .execute();
}

/** Merging one incident into another: its thread moves, it becomes a closed duplicate. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { IncidentRow } from '../database';

export type MergeSide = Pick<IncidentRow, 'id' | 'duplicate_of' | 'status' | 'search_text'>;

/** Both incidents, locked in id order: two staff merging a pair in opposite directions must not deadlock. */
export async function lockMergePair(db: DbOrTrx, fromId: string, intoId: string): Promise<MergeSide[]> {
  return db
    .selectFrom('incidents')
    .select(['id', 'duplicate_of', 'status', 'search_text'])
    .where('id', 'in', [fromId, intoId])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Moves `from`'s thread into `into` and closes `from` as its duplicate; returns how many messages moved. */
export async function mergeIncidentRows(db: DbOrTrx, from: MergeSide, intoId: string): Promise<number> {
  const moved = await db
    .updateTable('incident_messages')
    .set({ incident_id: intoId })
    .where('incident_id', '=', from.id)
    .executeTakeFirst();
  const count = Number(moved.numUpdatedRows);
  await db
    .updateTable('incidents')
    .set({
      message_count: sql`message_count + ${count}`,
      search_text: sql`left(search_text || ' ' || ${from.search_text}, 20000)`,
      updated_at: new Date(),
    })
    .where('id', '=', intoId)
    .execute();
  await db
    .updateTable('incidents')
    .set({
      duplicate_of: intoId,
      possible_duplicate_of: null,
      message_count: 0,
      status: from.status === 'rejected' ? 'rejected' : 'resolved',
      updated_at: new Date(),
    })
    .where('id', '=', from.id)
    .execute();
  return count;
}

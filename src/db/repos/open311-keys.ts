/** open311_keys: the api keys of Open311 client systems, stored hashed, revocable. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface Open311Key {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function insertOpen311Key(
  db: DbOrTrx,
  k: { name: string; keyHash: string; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('open311_keys')
    .values({ name: k.name, key_hash: k.keyHash, created_by: k.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listOpen311Keys(db: DbOrTrx): Promise<Open311Key[]> {
  const rows = await db
    .selectFrom('open311_keys')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeOpen311Key(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('open311_keys')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The client system behind a key hash (and its last use stamped), or undefined when unknown or revoked. */
export async function open311KeyByHash(
  db: DbOrTrx,
  keyHash: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .updateTable('open311_keys')
    .set({ last_used_at: sql`now()` })
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
}

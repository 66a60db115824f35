/** api_tokens: bearer tokens for scripts, stored hashed. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { type StaffUser, toStaffUser } from './users';

export async function insertApiToken(
  db: DbOrTrx,
  t: { userId: string; name: string; tokenHash: string },
): Promise<string> {
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The active user behind a token hash, or undefined (unknown, revoked, or user disabled). */
export async function userByTokenHash(db: DbOrTrx, tokenHash: string): Promise<StaffUser | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .returning(['users.id', 'users.email', 'users.name', 'users.role'])
    .executeTakeFirst();
  return row ? toStaffUser(row) : undefined;
}

/** api_tokens: bearer tokens for scripts, stored hashed, optionally expiring, revocable. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { type StaffUser, toStaffUser } from './users';

export async function insertApiToken(
  db: DbOrTrx,
  t: { userId: string; name: string; tokenHash: string; expiresAt?: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, expires_at: t.expiresAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The active user behind a token hash, or undefined (unknown, revoked, expired, or user disabled). */
export async function userByTokenHash(db: DbOrTrx, tokenHash: string): Promise<StaffUser | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', sql<Date>`now()`)]))
    .where('users.disabled_at', 'is', null)
    .returning(['users.id', 'users.email', 'users.name', 'users.role'])
    .executeTakeFirst();
  return row ? toStaffUser(row) : undefined;
}

/** A token as listed: never its hash. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  user: { id: string; email: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Tokens, newest first; of one user when `userId` is given. */
export async function listApiTokens(db: DbOrTrx, userId?: string): Promise<ApiTokenInfo[]> {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.created_at',
      't.last_used_at',
      't.expires_at',
      't.revoked_at',
      'u.id as user_id',
      'u.email',
      'u.name as user_name',
    ])
    .orderBy('t.id', 'desc');
  if (userId) q = q.where('t.user_id', '=', userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    user: { id: r.user_id, email: r.email, name: r.user_name },
    createdAt: r.created_at.toISOString(),
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/** Revokes one token; the owner's id when it was live, null when unknown or already revoked. */
export async function revokeApiToken(db: DbOrTrx, id: string): Promise<string | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Revokes every live token of a user (a disabled account); how many. */
export async function revokeApiTokensOfUser(db: DbOrTrx, userId: string): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

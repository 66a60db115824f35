/** sessions: browser sessions, keyed by the hash of the cookie value. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { type StaffUser, toStaffUser } from './users';

export async function insertSession(
  db: DbOrTrx,
  s: { idHash: string; userId: string; csrfToken: string; ttlMs: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: new Date(Date.now() + s.ttlMs),
    })
    .execute();
}

/** The live session and its (active) user; slides the expiry forward. */
export async function touchSession(
  db: DbOrTrx,
  idHash: string,
  ttlMs: number,
): Promise<{ user: StaffUser; csrfToken: string } | undefined> {
  const row = await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(secs => ${ttlMs / 1000})` })
    .from('users')
    .whereRef('users.id', '=', 'sessions.user_id')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .returning(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.csrf_token'])
    .executeTakeFirst();
  return row ? { user: toStaffUser(row), csrfToken: row.csrf_token } : undefined;
}

export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: DbOrTrx): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
}

/** Ends every session of a user but `keepIdHash` (the one changing its password); how many ended. */
export async function deleteSessionsOfUser(db: DbOrTrx, userId: string, keepIdHash?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

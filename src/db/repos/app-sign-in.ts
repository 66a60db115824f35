/** app_sign_in_codes and app_sessions (sql/015): the RT heads' app signs in with a code sent by SMS. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { type Reporter, toReporter } from './reporters';

export interface StoredCode {
  id: string;
  codeHash: string;
  salt: string;
  attempts: number;
  outboundMessageId: string | null;
}

export async function insertSignInCode(
  db: DbOrTrx,
  c: { phone: string; codeHash: string; salt: string; ttlMs: number; outboundMessageId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('app_sign_in_codes')
    .values({
      phone: c.phone,
      code_hash: c.codeHash,
      salt: c.salt,
      expires_at: sql<Date>`now() + make_interval(secs => ${c.ttlMs / 1000})`,
      outbound_message_id: c.outboundMessageId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest code of a phone that is unused, unexpired and has tries left, locked for the check. */
export async function liveSignInCode(db: DbOrTrx, phone: string, maxAttempts: number): Promise<StoredCode | undefined> {
  const row = await db
    .selectFrom('app_sign_in_codes')
    .select(['id', 'code_hash', 'salt', 'attempts', 'outbound_message_id'])
    .where('phone', '=', phone)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('attempts', '<', maxAttempts)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        codeHash: row.code_hash,
        salt: row.salt,
        attempts: row.attempts,
        outboundMessageId: row.outbound_message_id,
      }
    : undefined;
}

export async function countSignInAttempt(db: DbOrTrx, id: string): Promise<void> {
  await db
    .updateTable('app_sign_in_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Marks the code used, and every other live code of the phone with it: one code opens one session. */
export async function useSignInCodes(db: DbOrTrx, phone: string): Promise<void> {
  await db
    .updateTable('app_sign_in_codes')
    .set({ used_at: sql`now()` })
    .where('phone', '=', phone)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertAppSession(
  db: DbOrTrx,
  s: { idHash: string; reporterId: string; ttlMs: number },
): Promise<void> {
  await db
    .insertInto('app_sessions')
    .values({
      id_hash: s.idHash,
      reporter_id: s.reporterId,
      expires_at: sql<Date>`now() + make_interval(secs => ${s.ttlMs / 1000})`,
    })
    .execute();
}

/** The reporter of a live session (not revoked, not expired, reporter still active); slides the expiry. */
export async function touchAppSession(db: DbOrTrx, idHash: string, ttlMs: number): Promise<Reporter | undefined> {
  const session = await db
    .updateTable('app_sessions')
    .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(secs => ${ttlMs / 1000})` })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('reporter_id')
    .executeTakeFirst();
  if (!session) return undefined;
  const row = await db
    .selectFrom('reporters')
    .selectAll()
    .where('id', '=', session.reporter_id)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ? toReporter(row) : undefined;
}

export async function deleteAppSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('app_sessions').where('id_hash', '=', idHash).execute();
}

/** Revokes every app session of a reporter; returns how many were live. */
export async function revokeAppSessions(db: DbOrTrx, reporterId: string): Promise<number> {
  const rows = await db
    .updateTable('app_sessions')
    .set({ revoked_at: sql`now()` })
    .where('reporter_id', '=', reporterId)
    .where('revoked_at', 'is', null)
    .returning('id_hash')
    .execute();
  return rows.length;
}

export async function countLiveAppSessions(db: DbOrTrx, reporterId: string): Promise<number> {
  const row = await db
    .selectFrom('app_sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('reporter_id', '=', reporterId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replaces the code in a sign-in SMS once it was used (the phone has it; the outbox need not keep it). */
export async function redactSignInMessage(db: DbOrTrx, outboundMessageId: string): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ body: sql<string>`regexp_replace(body, '[0-9]{6}', '******')`, updated_at: sql`now()` })
    .where('id', '=', outboundMessageId)
    .where('purpose', '=', 'otp')
    .execute();
}

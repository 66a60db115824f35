/** Checking credentials and opening a session: shared by `POST /api/session` and the login form. */
import type { FastifyReply } from 'fastify';
import { decoyHash, verifyPassword } from '../../auth/password-hash';
import { hashSecret, newSecret } from '../../auth/secret-tokens';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { writeAudit } from '../../db/repos/audit-log';
import { deleteExpiredSessions, insertSession } from '../../db/repos/sessions';
import { findUserByEmail, type StaffUser, toStaffUser } from '../../db/repos/users';
import { SESSION_TTL_MS, sessionCookie } from './staff-auth';

/** The user when email and password match an active account; null otherwise (same time either way). */
export async function checkCredentials(db: Db, email: string, password: string): Promise<StaffUser | null> {
  const row = await findUserByEmail(db, email);
  const hash = row && !row.disabled_at ? row.password_hash : null;
  const ok = await verifyPassword(password, hash ?? (await decoyHash()));
  return ok && row && hash ? toStaffUser(row) : null;
}

/**
 * A new session with a new id for every login (no session fixation: whatever cookie came in is not reused),
 * set as an HttpOnly, SameSite=Lax cookie (Secure and `__Host-` over HTTPS).
 */
export async function openSession(
  db: Db,
  config: Config,
  reply: FastifyReply,
  user: StaffUser,
  previousSid?: string,
): Promise<{ csrfToken: string }> {
  const sid = newSecret();
  const csrfToken = newSecret();
  if (previousSid) await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(previousSid)).execute();
  await insertSession(db, { idHash: hashSecret(sid), userId: user.id, csrfToken, ttlMs: SESSION_TTL_MS });
  await writeAudit(db, { userId: user.id, action: 'session.login', details: {} });
  await deleteExpiredSessions(db);
  const cookie = sessionCookie(config);
  reply.setCookie(cookie.name, sid, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    maxAge: SESSION_TTL_MS / 1000,
  });
  return { csrfToken };
}

/** Checking credentials and opening a session: shared by `POST /api/session` and the login form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HashBusyError, inHashSlot } from '../../auth/hash-slots';
import { decoyHash, verifyPassword } from '../../auth/password-hash';
import { hashSecret, newSecret } from '../../auth/secret-tokens';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { writeAudit } from '../../db/repos/audit-log';
import { deleteExpiredSessions, deleteSession, insertSession } from '../../db/repos/sessions';
import { findUserByEmail, type StaffUser, toStaffUser } from '../../db/repos/users';
import { HttpError } from '../http-errors';
import type { LoginThrottle } from './login-rate-limit';
import { SESSION_TTL_MS, sessionCookie } from './staff-auth';

/** The user when email and password match an active account; null otherwise (same time either way). */
export async function checkCredentials(db: Db, email: string, password: string): Promise<StaffUser | null> {
  const row = await findUserByEmail(db, email);
  const hash = row && !row.disabled_at ? row.password_hash : null;
  const ok = await verifyPassword(password, hash ?? (await decoyHash()));
  return ok && row && hash ? toStaffUser(row) : null;
}

/**
 * One login attempt, the same for the form and the API: counted by the throttle (per address and per account),
 * then checked in a hashing slot. Throws 429 when throttled or when every slot is busy; null for wrong credentials.
 */
export async function attemptLogin(
  db: Db,
  throttle: LoginThrottle,
  req: FastifyRequest,
  email: string,
  password: string,
): Promise<StaffUser | null> {
  const attempt = await throttle.begin(req.ip, email);
  let user: StaffUser | null;
  try {
    user = await inHashSlot(() => checkCredentials(db, email, password));
  } catch (err) {
    if (err instanceof HashBusyError) {
      await attempt.succeeded(); // nothing was tried: the attempt is given back
      throw new HttpError(429, 'busy', 'Server sedang sibuk memeriksa kata sandi. Coba lagi sebentar lagi.');
    }
    throw err;
  }
  if (user) await attempt.succeeded();
  return user;
}

/** A login form or JSON login posted from another site (login CSRF) is refused; browsers send Origin on POSTs. */
export function checkSameOrigin(req: FastifyRequest, config: Config): void {
  const origin = req.headers.origin;
  if (origin && origin !== new URL(config.PUBLIC_URL).origin && origin !== `${req.protocol}://${req.host}`) {
    throw new HttpError(403, 'forbidden', 'Permintaan dikirim dari situs lain.');
  }
}

/** Where to go after login: only a path of this site (no other origin, no control characters or backslashes). */
export function safeNextPath(next: unknown, config: Config): string {
  const fallback = '/incidents';
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/') || next.startsWith('//')) return fallback;
  // Browsers drop tabs and newlines and read "\" as "/": "/\t/evil.example" would become "//evil.example".
  if ([...next].some((c) => c <= '\u001f' || c === '\u007f' || c === '\\')) return fallback;
  const base = new URL(config.PUBLIC_URL);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  return url.origin === base.origin ? `${url.pathname}${url.search}${url.hash}` : fallback;
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
  if (previousSid) await deleteSession(db, hashSecret(previousSid));
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

/**
 * The session: `POST /api/session` (log in: cookie + CSRF token), `DELETE /api/session` (log out) and
 * `POST /api/session/password` (one's own password; the account's other sessions end).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { inHashSlot } from '../../auth/hash-slots';
import { verifyPassword } from '../../auth/password-hash';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy';
import { hashSecret } from '../../auth/secret-tokens';
import { findUserById } from '../../db/repos/users';
import { setStaffPassword } from '../../workspace/staff-access';
import { logOut } from '../../workspace/staff-logout';
import { attemptLogin, checkSameOrigin, openSession } from '../auth/login';
import type { LoginThrottle } from '../auth/login-rate-limit';
import { anyStaff, sessionCookie, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';
import { accessRefusal, actorOf } from './access-refusals';

export const credentials = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

const password = z.string().max(MAX_PASSWORD_LENGTH);
export const passwordChangeBody = z.strictObject({ currentPassword: password.min(1), newPassword: password });

export function sessionRoutes(throttle: LoginThrottle) {
  return async (app: FastifyInstance, deps: AppDeps): Promise<void> => {
    const cookie = sessionCookie(deps.config);

    app.post('/api/session', { config: { skipCsrf: true } }, async (req, reply) => {
      // JSON only: another site can post a form here without asking, but not JSON (that needs CORS, never given).
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'Kirim email dan kata sandi sebagai JSON.');
      }
      checkSameOrigin(req, deps.config);
      const body = parseBody(credentials, req.body, { message: 'Email dan kata sandi wajib diisi.' });
      const user = await attemptLogin(deps.db, throttle, req, body.email, body.password);
      if (!user) throw new HttpError(401, 'bad_credentials', 'Email atau kata sandi salah.');
      const { csrfToken } = await openSession(deps.db, deps.config, reply, user, req.cookies[cookie.name]);
      return { user, csrfToken };
    });

    app.delete('/api/session', { preHandler: anyStaff }, async (req, reply) => {
      await logOut(deps.db, staffOf(req), req.cookies[cookie.name]);
      reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, httpOnly: true, sameSite: 'lax' });
      return reply.code(204).send();
    });

    app.post('/api/session/password', { preHandler: anyStaff }, async (req) => {
      const user = staffOf(req);
      const body = parseBody(passwordChangeBody, req.body);
      // Guessing the current password here is a login attempt like any other: same throttle, same slots.
      const attempt = await throttle.begin(req.ip, user.email);
      const row = await findUserById(deps.db, user.id);
      const ok = await inHashSlot(() => verifyPassword(body.currentPassword, row?.password_hash ?? '')).catch(
        accessRefusal,
      );
      if (!ok) throw new HttpError(400, 'wrong_password', 'Kata sandi saat ini salah.');
      await attempt.succeeded();
      const sid = req.cookies[cookie.name];
      const keep = req.staff?.via === 'session' && sid ? hashSecret(sid) : undefined;
      const { sessionsEnded } = await setStaffPassword(deps.db, actorOf(req), user.id, body.newPassword, keep).catch(
        accessRefusal,
      );
      return { changed: true, otherSessionsEnded: sessionsEnded };
    });
  };
}

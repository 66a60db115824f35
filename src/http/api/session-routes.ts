/** POST /api/session (log in: cookie + CSRF token) and DELETE /api/session (log out). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { hashSecret } from '../../auth/secret-tokens';
import { writeAudit } from '../../db/repos/audit-log';
import { deleteSession } from '../../db/repos/sessions';
import { attemptLogin, checkSameOrigin, openSession } from '../auth/login';
import { anyStaff, sessionCookie, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import type { LoginThrottle } from './login-rate-limit';

export const credentials = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

export function sessionRoutes(throttle: LoginThrottle) {
  return async (app: FastifyInstance, deps: AppDeps): Promise<void> => {
    const cookie = sessionCookie(deps.config);

    app.post('/api/session', { config: { skipCsrf: true } }, async (req, reply) => {
      // JSON only: another site can post a form here without asking, but not JSON (that needs CORS, never given).
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'Kirim email dan kata sandi sebagai JSON.');
      }
      checkSameOrigin(req, deps.config);
      const parsed = credentials.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'bad_request', 'Email dan kata sandi wajib diisi.');
      const user = await attemptLogin(deps.db, throttle, req, parsed.data.email, parsed.data.password);
      if (!user) throw new HttpError(401, 'bad_credentials', 'Email atau kata sandi salah.');
      const { csrfToken } = await openSession(deps.db, deps.config, reply, user, req.cookies[cookie.name]);
      return { user, csrfToken };
    });

    app.delete('/api/session', { preHandler: anyStaff }, async (req, reply) => {
      const user = staffOf(req);
      const sid = req.cookies[cookie.name];
      if (sid) await deleteSession(deps.db, hashSecret(sid));
      await writeAudit(deps.db, { userId: user.id, action: 'session.logout' });
      reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, httpOnly: true, sameSite: 'lax' });
      return reply.code(204).send();
    });
  };
}

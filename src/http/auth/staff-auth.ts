/**
 * Who is asking: a browser session (cookie) or a script (Bearer token). Resolved once per request; route guards
 * then check the role, and every state change made with the session cookie must carry the session's CSRF token in
 * `X-CSRF-Token` (Bearer requests cannot be forged by another site, so they need none).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret } from '../../auth/secret-tokens';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { userByTokenHash } from '../../db/repos/api-tokens';
import { touchSession } from '../../db/repos/sessions';
import type { StaffRole, StaffUser } from '../../db/repos/users';
import { HttpError } from '../http-errors';
import { ROLE_LABELS } from '../labels';

export interface StaffAuth {
  user: StaffUser;
  via: 'session' | 'token';
  /** Session only. */
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffAuth | null;
  }
  interface FastifyContextConfig {
    /** Login routes: no session yet, so no CSRF token to check. */
    skipCsrf?: boolean;
  }
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** `__Host-` binds the cookie to this exact origin, but browsers accept it only over HTTPS (with Secure). */
export function sessionCookie(config: Config): { name: string; secure: boolean } {
  const secure = config.PUBLIC_URL.startsWith('https:');
  return { name: secure ? '__Host-halo_session' : 'halo_session', secure };
}

/** onRequest hook: fills `request.staff`. */
export function resolveStaff(db: Db, config: Config) {
  const cookie = sessionCookie(config);
  return async (req: FastifyRequest): Promise<void> => {
    req.staff = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const user = await userByTokenHash(db, hashSecret(auth.slice(7).trim()));
      if (!user) throw new HttpError(401, 'unauthorized', 'Token tidak sah atau sudah dicabut.');
      req.staff = { user, via: 'token', csrfToken: null };
      return;
    }
    const sid = req.cookies[cookie.name];
    if (!sid) return;
    const session = await touchSession(db, hashSecret(sid), SESSION_TTL_MS);
    if (session) req.staff = { user: session.user, via: 'session', csrfToken: session.csrfToken };
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** preHandler hook: a state change over the session cookie without the right X-CSRF-Token is refused (403). */
export async function checkCsrf(req: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(req.method) || req.routeOptions.config.skipCsrf) return;
  if (req.staff?.via !== 'session') return;
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !req.staff.csrfToken || !sameToken(sent, req.staff.csrfToken)) {
    throw new HttpError(
      403,
      'csrf',
      'Token CSRF (X-CSRF-Token) tidak ada atau salah. Muat ulang halaman lalu coba lagi.',
    );
  }
}

/** Route guard: a signed-in user with one of `roles` (401 without a user, 403 with another role). */
export function requireRole(...roles: StaffRole[]) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!req.staff) throw new HttpError(401, 'unauthorized', 'Silakan masuk terlebih dahulu.');
    if (!roles.includes(req.staff.user.role))
      throw new HttpError(
        403,
        'forbidden',
        `Tindakan ini memerlukan peran ${roles.map((r) => ROLE_LABELS[r]).join(' atau ')}.`,
      );
  };
}

export const anyStaff = requireRole('admin', 'operator', 'viewer');
export const operators = requireRole('admin', 'operator');
export const admins = requireRole('admin');

/** The signed-in user of a guarded route. */
export function staffOf(req: FastifyRequest): StaffUser {
  if (!req.staff) throw new HttpError(401, 'unauthorized', 'Silakan masuk terlebih dahulu.');
  return req.staff.user;
}

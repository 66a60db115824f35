/**
 * Who is using the RT heads' app: the app session cookie (HttpOnly, SameSite=Strict, only sent to /api/app), never a
 * staff session. State changes must come as JSON from this origin: a form on another site can send neither.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret } from '../../auth/secret-tokens';
import type { Config } from '../../config';
import { DomainError } from '../../core/domain-error';
import type { Db } from '../../db/connection';
import { touchAppSession } from '../../db/repos/app-sign-in';
import type { Reporter } from '../../db/repos/reporters';
import { APP_SESSION_TTL_MS } from '../../reporters/app-sign-in';

declare module 'fastify' {
  interface FastifyRequest {
    appReporter: Reporter | null;
  }
}

export function appCookie(config: Config) {
  const secure = config.PUBLIC_URL.startsWith('https:');
  return {
    name: secure ? '__Secure-halo_app' : 'halo_app',
    options: {
      path: '/api/app',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure,
      maxAge: Math.floor(APP_SESSION_TTL_MS / 1000),
    },
  };
}

export function resolveAppReporter(db: Db, config: Config) {
  const cookie = appCookie(config);
  return async (req: FastifyRequest): Promise<void> => {
    req.appReporter = null;
    const token = req.cookies[cookie.name];
    if (token) req.appReporter = (await touchAppSession(db, hashSecret(token), APP_SESSION_TTL_MS)) ?? null;
  };
}

/** preHandler: POST/DELETE only as JSON and, when the browser says where from, from this origin. */
export function jsonFromHere(config: Config) {
  const origin = new URL(config.PUBLIC_URL).origin;
  return async (req: FastifyRequest): Promise<void> => {
    if (req.method === 'GET' || req.method === 'HEAD') return;
    const type = req.headers['content-type'] ?? '';
    if (req.method !== 'DELETE' && !type.startsWith('application/json'))
      throw new DomainError('unsupported_media_type', 'bad_content_type', 'kirim sebagai application/json');
    const from = req.headers.origin;
    const host = req.headers.host ? `${req.protocol}://${req.headers.host}` : null;
    if (from && from !== origin && from !== host)
      throw new DomainError('forbidden', 'bad_origin', 'permintaan dari situs lain ditolak');
  };
}

export function reporterOf(req: FastifyRequest, _reply?: FastifyReply): Reporter {
  if (!req.appReporter) throw new DomainError('unauthenticated', 'unauthorized', 'silakan masuk dengan kode SMS');
  return req.appReporter;
}

export async function signedIn(req: FastifyRequest): Promise<void> {
  reporterOf(req);
}

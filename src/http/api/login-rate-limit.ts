/**
 * Login throttling: at most `max` attempts per window for one (client IP, email) pair, then 429 until the window
 * ends. Keyed by the pair, not by the account, so an attacker guessing someone's password from elsewhere never
 * locks that person out; there is no account lockout at all.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http-errors';

export interface LoginLimit {
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { max: 10, windowMs: 15 * 60 * 1000 };

function emailOf(req: FastifyRequest): string {
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
}

/** The `config.rateLimit` of a login route (@fastify/rate-limit, registered with hook 'preHandler'). */
export function loginRateLimit(limit: LoginLimit) {
  return {
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (req: FastifyRequest) => `login:${req.ip}:${emailOf(req)}`,
    errorResponseBuilder: () =>
      new HttpError(429, 'rate_limited', 'Terlalu banyak percobaan masuk. Coba lagi beberapa menit lagi.'),
  };
}

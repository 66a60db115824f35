/**
 * Sign-in to the RT heads' app without passwords: a 6-digit code by SMS through the office's SMS path, stored only
 * hashed, valid 10 minutes for 5 tries; the right code opens a long-lived app session (separate from staff
 * sessions). Asking for a code answers the same whether or not the number is registered: no one learns who is.
 */
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { hashSecret, newSecret } from '../auth/secret-tokens';
import type { Db } from '../db/connection';
import {
  countSignInAttempt,
  insertAppSession,
  insertSignInCode,
  liveSignInCode,
  redactSignInMessage,
  useSignInCodes,
} from '../db/repos/app-sign-in';
import { insertOutbound } from '../db/repos/outbound-messages';
import { findActiveReporterByPhone, type Reporter } from '../db/repos/reporters';
import { transportFor } from '../follow-up/alert-context';
import { type OutboundQueuer, queueOutbound } from '../outbound/queue-outbound';
import type { Settings } from '../settings';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** Half a year, sliding: an RT head signs in once on their phone and keeps reporting. */
export const APP_SESSION_TTL_MS = 180 * 24 * 60 * 60 * 1000;

function hashCode(salt: string, phone: string, code: string): string {
  return createHash('sha256').update(`${salt}:${phone}:${code}`).digest('hex');
}

export function signInCodeText(settings: Settings, code: string): string {
  return settings.appCodeTemplate.replaceAll('{code}', code);
}

/** Sends a code when `phone` (E.164) belongs to an active registered reporter; does nothing otherwise. */
export async function sendSignInCode(
  deps: { db: Db; queues: OutboundQueuer; settings: Settings },
  phone: string,
): Promise<void> {
  const reporter = await findActiveReporterByPhone(deps.db, phone);
  if (!reporter) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomUUID();
  const outboundId = await deps.db.transaction().execute(async (trx) => {
    const id = await insertOutbound(trx, {
      dedupe_key: `otp:${salt}`,
      purpose: 'otp',
      channel: 'sms',
      transport: transportFor('sms', deps.settings),
      to_address: phone,
      body: signInCodeText(deps.settings, code),
    });
    await insertSignInCode(trx, {
      phone,
      codeHash: hashCode(salt, phone, code),
      salt,
      ttlMs: CODE_TTL_MS,
      outboundMessageId: id,
    });
    return id;
  });
  if (outboundId) await queueOutbound(deps.queues, [outboundId]);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a code; the right one opens a session: `{token, reporter}` (the token is shown once, stored hashed). */
export async function signInWithCode(
  db: Db,
  phone: string,
  code: string,
): Promise<{ token: string; reporter: Reporter } | null> {
  return db.transaction().execute(async (trx) => {
    const live = await liveSignInCode(trx, phone, CODE_MAX_ATTEMPTS);
    if (!live) return null;
    if (!sameHash(hashCode(live.salt, phone, code), live.codeHash)) {
      await countSignInAttempt(trx, live.id);
      return null;
    }
    const reporter = await findActiveReporterByPhone(trx, phone);
    if (!reporter) return null;
    await useSignInCodes(trx, phone);
    // The code has done its job: it no longer sits readable in the outbox.
    if (live.outboundMessageId) await redactSignInMessage(trx, live.outboundMessageId);
    const token = newSecret('hka_');
    await insertAppSession(trx, { idHash: hashSecret(token), reporterId: reporter.id, ttlMs: APP_SESSION_TTL_MS });
    return { token, reporter };
  });
}

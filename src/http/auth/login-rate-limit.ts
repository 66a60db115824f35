/**
 * Login throttling, one counter set for every way in (`POST /login` and `POST /api/session` alike), kept in Redis so
 * that every API process shares it:
 * - per client address: at most `max` failed attempts per window (an attempt counts from the moment it starts, so
 *   forty parallel guesses count as forty; a successful login gives its attempt back);
 * - per account: at most `accountMax` failed attempts per window from all addresses together, so that guessing
 *   one person's password from many addresses is slowed too. It is kept well above `max`, so the owner is only
 *   held back while someone is guessing from many places at once; there is no lockout beyond the window.
 * The client address is the socket's peer unless TRUST_PROXY names the proxy in front (src/http/app.ts).
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../../queues/redis-connections';
import { HttpError } from '../http-errors';

export interface LoginLimit {
  max: number;
  windowMs: number;
  /** Failed attempts on one account from all addresses; default five times `max`. */
  accountMax?: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { max: 10, windowMs: 15 * 60 * 1000 };

export interface LoginAttempt {
  /** Gives the attempt back (a successful login). */
  succeeded(): Promise<void>;
}

export class LoginThrottle {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly limit: LoginLimit,
  ) {}

  private keys(ip: string, email: string): string[] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    return [`${this.prefix}:login:ip:${ip}`, `${this.prefix}:login:account:${account}`];
  }

  /** Counts one key; null when Redis cannot answer. */
  private async count(key: string): Promise<number | null> {
    try {
      const replies = await this.redis.multi().incr(key).pexpire(key, this.limit.windowMs, 'NX').exec();
      return Number(replies?.[0]?.[1]);
    } catch {
      return null;
    }
  }

  /** Counts an attempt, or throws 429 when the address or the account is over its limit. */
  async begin(ip: string, email: string): Promise<LoginAttempt> {
    const [ipKey, accountKey] = this.keys(ip, email) as [string, string];
    const refused = () =>
      new HttpError(429, 'rate_limited', 'Terlalu banyak percobaan masuk. Coba lagi beberapa menit lagi.');
    // A Redis hiccup must not stop staff from logging in (null: not counted); the hashing slots still bound the cost.
    const byIp = await this.count(ipKey);
    if (byIp !== null && byIp > this.limit.max) throw refused();
    // Attempts already refused by address do not count against the account: one noisy address cannot hold the
    // owner back.
    const byAccount = await this.count(accountKey);
    if (byAccount !== null && byAccount > (this.limit.accountMax ?? this.limit.max * 5)) throw refused();
    const giveBack = async () => {
      await this.redis
        .multi()
        .decr(ipKey)
        .decr(accountKey)
        .exec()
        .catch(() => undefined);
    };
    return { succeeded: giveBack };
  }
}

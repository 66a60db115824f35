/** Random secrets (session ids, API tokens, CSRF tokens) and the hashes under which the database keeps them. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url, with an optional readable prefix (`hk_` for API tokens). */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 is enough here: the secrets are 256 random bits, not guessable passwords. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

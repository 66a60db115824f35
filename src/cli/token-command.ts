/**
 * `halo token add --email E [--name N] [--days D]`: a Bearer token for that user's role, printed once, stored hashed,
 * expiring after D days when given; `halo token list --email E`: one line per token (id first, then name, created,
 * last used, expires, state); `halo token revoke ID`: refused at once from then on.
 */
import { parseArgs } from 'node:util';
import { listApiTokens } from '../db/repos/api-tokens';
import { findUserByEmail } from '../db/repos/users';
import { createApiToken, revokeToken } from '../workspace/staff-access';
import { withDatabase } from './cli-database';

const USAGE = [
  'usage: halo token add --email E [--name N] [--days D]',
  '       halo token list --email E',
  '       halo token revoke ID',
  '',
].join('\n');

const CLI = { userId: null, via: 'cli' } as const;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest);
  if (sub === 'list') return list(rest);
  if (sub === 'revoke') return revoke(rest);
  process.stderr.write(USAGE);
  return 2;
}

async function add(rest: string[]): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
  });
  if (!values.email) {
    process.stderr.write(`halo token: --email is required\n${USAGE}`);
    return 2;
  }
  if (values.days !== undefined && !/^\d{1,4}$/.test(values.days)) {
    process.stderr.write('halo token: --days must be a whole number of days (1-9999)\n');
    return 2;
  }
  const days = values.days ? Number(values.days) : null;
  if (days === 0) {
    process.stderr.write('halo token: --days must be at least 1\n');
    return 2;
  }
  const email = values.email;
  const created = await withDatabase(async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user || user.disabled_at) return null;
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
    return createApiToken(db, CLI, { userId: user.id, name: values.name ?? '', expiresAt });
  });
  if (!created) {
    process.stderr.write(`halo token: no active user with email ${email}\n`);
    return 1;
  }
  process.stdout.write(`${created.token}\n`);
  return 0;
}

async function list(rest: string[]): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } } });
  if (!values.email) {
    process.stderr.write(`halo token: --email is required\n${USAGE}`);
    return 2;
  }
  const email = values.email;
  const tokens = await withDatabase(async (db) => {
    const user = await findUserByEmail(db, email);
    return user ? listApiTokens(db, user.id) : null;
  });
  if (!tokens) {
    process.stderr.write(`halo token: no user with email ${email}\n`);
    return 1;
  }
  const now = Date.now();
  for (const t of tokens) {
    const state = t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
    const cells = [t.id, t.name || '-', t.createdAt, t.lastUsedAt ?? 'never', t.expiresAt ?? 'no-expiry', state];
    process.stdout.write(`${cells.join('\t')}\n`);
  }
  return 0;
}

async function revoke(rest: string[]): Promise<number> {
  const [id] = rest;
  if (!id || !/^\d{1,18}$/.test(id)) {
    process.stderr.write(`halo token: give the token's id (from halo token list)\n${USAGE}`);
    return 2;
  }
  const done = await withDatabase((db) => revokeToken(db, CLI, id));
  if (!done) {
    process.stderr.write(`halo token: no live token with id ${id}\n`);
    return 1;
  }
  process.stdout.write(`revoked ${id}\n`);
  return 0;
}

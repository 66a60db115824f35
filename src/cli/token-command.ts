/** `halo token add --email E [--name N]`: a Bearer token for that user's role, printed once and stored hashed. */
import { parseArgs } from 'node:util';
import { hashSecret, newSecret } from '../auth/secret-tokens';
import { insertApiToken } from '../db/repos/api-tokens';
import { writeAudit } from '../db/repos/audit-log';
import { findUserByEmail } from '../db/repos/users';
import { withDatabase } from './cli-database';

const USAGE = 'usage: halo token add --email E [--name N]\n';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    process.stderr.write(USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email) {
    process.stderr.write(`halo token: --email is required\n${USAGE}`);
    return 2;
  }
  const email = values.email;
  const token = newSecret('hk_');
  const found = await withDatabase(async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user || user.disabled_at) return false;
    const id = await insertApiToken(db, { userId: user.id, name: values.name ?? '', tokenHash: hashSecret(token) });
    await writeAudit(db, { userId: user.id, action: 'token.create', details: { tokenId: id, via: 'cli' } });
    return true;
  });
  if (!found) {
    process.stderr.write(`halo token: no active user with email ${email}\n`);
    return 1;
  }
  process.stdout.write(`${token}\n`);
  return 0;
}

/** `halo user add --email E --role admin|operator|viewer [--name N]`: the password is read from stdin. */
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password-hash';
import { writeAudit } from '../db/repos/audit-log';
import { STAFF_ROLES, type StaffRole, upsertUser } from '../db/repos/users';
import { readStdin, withDatabase } from './cli-database';

const USAGE = 'usage: halo user add --email E --role admin|operator|viewer [--name N]   (password on stdin)\n';
export const MIN_PASSWORD_LENGTH = 10;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    process.stderr.write(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || !STAFF_ROLES.includes(values.role as StaffRole)) {
    process.stderr.write(`halo user: --email and --role (admin, operator or viewer) are required\n${USAGE}`);
    return 2;
  }
  if (process.stdin.isTTY) process.stderr.write('Password (end with Enter, then Ctrl-D): ');
  // Only the first line counts: `echo pw | halo user add …` must not store the newline.
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`halo user: the password must have at least ${MIN_PASSWORD_LENGTH} characters\n`);
    return 2;
  }
  const passwordHash = await hashPassword(password);
  const result = await withDatabase(async (db) => {
    const r = await upsertUser(db, { email, role: values.role as StaffRole, name: values.name ?? null, passwordHash });
    await writeAudit(db, {
      userId: null,
      action: r.created ? 'user.create' : 'user.update',
      details: { userId: r.user.id, role: r.user.role, via: 'cli' },
    });
    return r;
  });
  process.stdout.write(`${JSON.stringify({ ...result.user, created: result.created })}\n`);
  return 0;
}

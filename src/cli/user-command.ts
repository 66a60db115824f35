/**
 * `halo user add --email E --role admin|operator|viewer [--name N]` (the password is read from stdin),
 * `halo user disable --email E` (ends the account's sessions and tokens at once), `halo user enable --email E`.
 */
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password-hash';
import { passwordProblem } from '../auth/password-policy';
import { writeAudit } from '../db/repos/audit-log';
import { deleteSessionsOfUser } from '../db/repos/sessions';
import { findUserByEmail, STAFF_ROLES, type StaffRole, upsertUser } from '../db/repos/users';
import { changeStaffUser } from '../workspace/staff-access';
import { readStdin, withDatabase } from './cli-database';

const USAGE = [
  'usage: halo user add --email E --role admin|operator|viewer [--name N]   (password on stdin)',
  '       halo user disable --email E      ends its sessions and revokes its tokens at once',
  '       halo user enable --email E',
  '',
].join('\n');

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest);
  if (sub === 'disable' || sub === 'enable') return setDisabled(rest, sub === 'disable');
  process.stderr.write(USAGE);
  return 2;
}

async function setDisabled(rest: string[], disabled: boolean): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } } });
  if (!values.email) {
    process.stderr.write(`halo user: --email is required\n${USAGE}`);
    return 2;
  }
  const email = values.email;
  const result = await withDatabase(async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) return null;
    return changeStaffUser(db, { userId: null, via: 'cli' }, user.id, { disabled });
  }).catch((err: Error) => err);
  if (result instanceof Error) {
    process.stderr.write(`halo user: ${result.message}\n`);
    return 1;
  }
  if (!result) {
    process.stderr.write(`halo user: no user with email ${email}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

async function add(rest: string[]): Promise<number> {
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
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`halo user: ${problem}\n`);
    return 2;
  }
  const passwordHash = await hashPassword(password);
  const result = await withDatabase(async (db) =>
    db.transaction().execute(async (trx) => {
      const r = await upsertUser(trx, {
        email,
        role: values.role as StaffRole,
        name: values.name ?? null,
        passwordHash,
      });
      // A new password (re-running `user add`) ends every session made with the old one.
      const sessionsEnded = r.created ? 0 : await deleteSessionsOfUser(trx, r.user.id);
      await writeAudit(trx, {
        userId: null,
        action: r.created ? 'user.create' : 'user.update',
        details: { userId: r.user.id, role: r.user.role, via: 'cli', ...(r.created ? {} : { sessionsEnded }) },
      });
      return r;
    }),
  );
  process.stdout.write(`${JSON.stringify({ ...result.user, created: result.created })}\n`);
  return 0;
}

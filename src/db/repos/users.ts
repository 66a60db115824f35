/** users: staff accounts (admin, operator, viewer). */
import type { DbOrTrx } from '../connection';
import type { UserRow } from '../database';

export type StaffRole = UserRow['role'];
export const STAFF_ROLES: StaffRole[] = ['admin', 'operator', 'viewer'];

/** The user as the API shows it: never the password hash. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export function toStaffUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): StaffUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export async function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

/** Creates the account, or updates role, name and password of an existing one (re-running `halo user add`). */
export async function upsertUser(
  db: DbOrTrx,
  u: { email: string; role: StaffRole; name?: string | null; passwordHash: string },
): Promise<{ user: StaffUser; created: boolean }> {
  const email = u.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);
  const row = await db
    .insertInto('users')
    .values({ email, role: u.role, name: u.name ?? '', password_hash: u.passwordHash })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        role: u.role,
        password_hash: u.passwordHash,
        ...(u.name != null ? { name: u.name } : {}),
        disabled_at: null,
        updated_at: new Date(),
      }),
    )
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow();
  return { user: toStaffUser(row), created: !existing };
}

export async function listUsers(db: DbOrTrx): Promise<(StaffUser & { disabled: boolean })[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'disabled_at'])
    .orderBy('name')
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ ...toStaffUser(r), disabled: r.disabled_at !== null }));
}

export async function findActiveUser(db: DbOrTrx, id: string): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? toStaffUser(row) : undefined;
}

export async function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account, locked for the rest of the transaction (admin changes are serialized on it). */
export async function lockUser(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A new account; undefined when the e-mail is taken. */
export async function insertUser(
  db: DbOrTrx,
  u: { email: string; role: StaffRole; name: string; passwordHash: string },
): Promise<StaffUser | undefined> {
  const row = await db
    .insertInto('users')
    .values({ email: u.email.trim().toLowerCase(), role: u.role, name: u.name, password_hash: u.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirst();
  return row ? toStaffUser(row) : undefined;
}

export async function updateUser(
  db: DbOrTrx,
  id: string,
  change: { role?: StaffRole; name?: string; disabled?: boolean; passwordHash?: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? new Date() : null } : {}),
      ...(change.passwordHash ? { password_hash: change.passwordHash } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Admins still able to sign in: the last one must not be disabled or demoted. */
export async function countActiveAdmins(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

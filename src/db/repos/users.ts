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

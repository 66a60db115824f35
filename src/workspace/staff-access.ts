/**
 * Who may use the workspace, and taking access back: accounts, roles, passwords and API tokens, the same for the
 * CLI and the admin pages. Every change is audited in the transaction that makes it. Disabling an account ends its
 * sessions and revokes its tokens at once; a new password ends the account's other sessions.
 */
import { inHashSlot } from '../auth/hash-slots';
import { hashPassword } from '../auth/password-hash';
import { passwordProblem } from '../auth/password-policy';
import { hashSecret, newSecret } from '../auth/secret-tokens';
import type { Db } from '../db/connection';
import { insertApiToken, revokeApiToken, revokeApiTokensOfUser } from '../db/repos/api-tokens';
import { writeAudit } from '../db/repos/audit-log';
import { deleteSessionsOfUser } from '../db/repos/sessions';
import {
  countActiveAdmins,
  findUserById,
  insertUser,
  lockUser,
  type StaffRole,
  type StaffUser,
  toStaffUser,
  updateUser,
} from '../db/repos/users';

export type AccessErrorCode = 'exists' | 'not_found' | 'last_admin' | 'bad_password' | 'disabled';

/** A refused change, with a message staff can read. */
export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Who made the change: a signed-in admin, or the CLI (null). */
export interface Actor {
  userId: string | null;
  via: 'cli' | 'web' | 'api';
}

async function newPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new AccessError('bad_password', problem);
  return inHashSlot(() => hashPassword(password));
}

export async function createStaffUser(
  db: Db,
  by: Actor,
  input: { email: string; name: string; role: StaffRole; password: string },
): Promise<StaffUser> {
  const passwordHash = await newPasswordHash(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, { ...input, passwordHash });
    if (!user) throw new AccessError('exists', 'Sudah ada akun dengan email ini.');
    await writeAudit(trx, {
      userId: by.userId,
      action: 'user.create',
      details: { userId: user.id, role: user.role, via: by.via },
    });
    return user;
  });
}

export interface UserChange {
  role?: StaffRole;
  name?: string;
  disabled?: boolean;
}

/** Changes role, name or the disabled flag; disabling ends sessions and tokens in the same transaction. */
export async function changeStaffUser(
  db: Db,
  by: Actor,
  id: string,
  change: UserChange,
): Promise<StaffUser & { disabled: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Serialize admin changes, so that two admins cannot demote each other into having none.
    const row = await lockUser(trx, id);
    if (!row) throw new AccessError('not_found', 'Pengguna tidak ditemukan.');
    const losesAdmin =
      row.role === 'admin' &&
      !row.disabled_at &&
      (change.disabled === true || (change.role && change.role !== 'admin'));
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      throw new AccessError(
        'last_admin',
        'Admin terakhir yang aktif tidak dapat dinonaktifkan atau diturunkan perannya.',
      );
    }
    await updateUser(trx, id, change);
    let sessionsEnded = 0;
    let tokensRevoked = 0;
    if (change.disabled === true) {
      sessionsEnded = await deleteSessionsOfUser(trx, id);
      tokensRevoked = await revokeApiTokensOfUser(trx, id);
    }
    const action =
      change.disabled === true ? 'user.disable' : change.disabled === false ? 'user.enable' : 'user.update';
    await writeAudit(trx, {
      userId: by.userId,
      action,
      details: {
        userId: id,
        via: by.via,
        ...(change.role && change.role !== row.role ? { role: { from: row.role, to: change.role } } : {}),
        ...(change.name !== undefined && change.name !== row.name ? { name: true } : {}),
        ...(change.disabled === true ? { sessionsEnded, tokensRevoked } : {}),
      },
    });
    const updated = await findUserById(trx, id);
    return { ...toStaffUser(updated ?? row), disabled: Boolean(updated?.disabled_at) };
  });
}

/** Sets a new password and ends the user's other sessions (all of them when `keepSessionHash` is not given). */
export async function setStaffPassword(
  db: Db,
  by: Actor,
  userId: string,
  password: string,
  keepSessionHash?: string,
): Promise<{ sessionsEnded: number }> {
  const passwordHash = await newPasswordHash(password);
  return db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { passwordHash });
    const sessionsEnded = await deleteSessionsOfUser(trx, userId, keepSessionHash);
    await writeAudit(trx, {
      userId: by.userId,
      action: 'user.password',
      details: { userId, via: by.via, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/** A new token for an active user, returned once (only its hash is stored). */
export async function createApiToken(
  db: Db,
  by: Actor,
  input: { userId: string; name: string; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, input.userId);
    if (!user) throw new AccessError('not_found', 'Pengguna tidak ditemukan.');
    if (user.disabled_at) throw new AccessError('disabled', 'Akun ini nonaktif; token tidak dapat dibuat.');
    const token = newSecret('hk_');
    const id = await insertApiToken(trx, { ...input, tokenHash: hashSecret(token) });
    await writeAudit(trx, {
      userId: by.userId,
      action: 'token.create',
      details: { tokenId: id, forUserId: input.userId, expiresAt: input.expiresAt?.toISOString() ?? null, via: by.via },
    });
    return { id, token };
  });
}

/** Revokes a token at once; false when there is no live token with that id. */
export async function revokeToken(db: Db, by: Actor, tokenId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const owner = await revokeApiToken(trx, tokenId);
    if (!owner) return false;
    await writeAudit(trx, {
      userId: by.userId,
      action: 'token.revoke',
      details: { tokenId, forUserId: owner, via: by.via },
    });
    return true;
  });
}

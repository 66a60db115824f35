/**
 * Admins issuing and revoking Open311 api keys (docs/integrations.md): a key is shown once, only its SHA-256 is
 * kept; both are audited.
 */
import { hashSecret, newSecret } from '../auth/secret-tokens';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { insertOpen311Key, revokeOpen311Key } from '../db/repos/open311-keys';
import type { StaffUser } from '../db/repos/users';

/** A new key for the client system `name`; the only time `apiKey` exists outside its hash. */
export async function issueOpen311Key(
  db: Db,
  user: StaffUser,
  name: string,
): Promise<{ id: string; name: string; apiKey: string }> {
  const apiKey = newSecret('o311_');
  const id = await db.transaction().execute(async (trx) => {
    const keyId = await insertOpen311Key(trx, { name, keyHash: hashSecret(apiKey), createdBy: user.id });
    await writeAudit(trx, { userId: user.id, action: 'open311_key.create', details: { keyId, name } });
    return keyId;
  });
  return { id, name, apiKey };
}

/** Revokes a key; false when there is none with that id, or it was revoked already. */
export async function withdrawOpen311Key(db: Db, user: StaffUser, id: string): Promise<boolean> {
  if (!(await revokeOpen311Key(db, id))) return false;
  await writeAudit(db, { userId: user.id, action: 'open311_key.revoke', details: { keyId: id } });
  return true;
}

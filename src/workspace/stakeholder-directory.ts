/** Editing the stakeholders incidents are forwarded to (admins); every change is audited in its transaction. */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { insertStakeholder, type Stakeholder, updateStakeholder } from '../db/repos/stakeholders';
import type { StaffUser } from '../db/repos/users';

export type NewStakeholder = Omit<Stakeholder, 'id' | 'active'>;
export type StakeholderChange = Partial<Omit<Stakeholder, 'id'>>;

/** Why a change was refused: no such stakeholder, or its channel left without an address. */
export type StakeholderRefusal = 'not_found' | 'no_address';

/** Thrown inside the transaction only to roll the change back. */
class Refused extends Error {}

export async function createStakeholder(db: Db, user: StaffUser, input: NewStakeholder): Promise<Stakeholder> {
  return db.transaction().execute(async (trx) => {
    const s = await insertStakeholder(trx, input);
    await writeAudit(trx, { userId: user.id, action: 'stakeholder.create', details: { stakeholderId: s.id } });
    return s;
  });
}

/** Applies `change`; the stakeholder as it is now, or why nothing changed. */
export async function changeStakeholder(
  db: Db,
  user: StaffUser,
  id: string,
  change: StakeholderChange,
): Promise<Stakeholder | StakeholderRefusal> {
  try {
    return await db.transaction().execute(async (trx) => {
      const s = await updateStakeholder(trx, id, change);
      if (!s) return 'not_found';
      // Checked on the row as changed: a PATCH of the channel alone must find the address already stored.
      if (s.channel === 'email' ? !s.email : !s.phone) throw new Refused();
      await writeAudit(trx, {
        userId: user.id,
        action: 'stakeholder.change',
        details: { stakeholderId: s.id, fields: Object.keys(change) },
      });
      return s;
    });
  } catch (err) {
    if (err instanceof Refused) return 'no_address';
    throw err;
  }
}

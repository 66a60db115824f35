/**
 * Editing the on-duty roster (admins; docs/follow-up.md): people, their dated exceptions, taking someone off.
 * Every change is audited.
 */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import {
  type DutyEntry,
  deleteDutyException,
  insertDuty,
  listDuty,
  type NewDutyEntry,
  updateDuty,
  upsertDutyException,
} from '../db/repos/duty-roster';
import type { StaffUser } from '../db/repos/users';
import { parseDutyInput } from '../follow-up/duty-input';

async function rosterEntry(db: Db, id: string): Promise<DutyEntry | undefined> {
  return (await listDuty(db)).find((p) => p.id === id);
}

/** Adds a person at the end of the roster; the entry as listed. */
export async function addToRoster(db: Db, user: StaffUser, entry: NewDutyEntry): Promise<DutyEntry | undefined> {
  const rosterId = await db.transaction().execute(async (trx) => {
    const id = await insertDuty(trx, entry);
    await writeAudit(trx, { userId: user.id, action: 'duty.create', details: { rosterId: id } });
    return id;
  });
  return rosterEntry(db, rosterId);
}

export type RosterChange =
  | { entry: DutyEntry | undefined }
  | { refused: 'not_found' }
  | { refused: 'bad_input'; error: string };

/**
 * Changes the fields `input` names, validated as a whole entry together with the ones it leaves as they are;
 * `extra` are the roster's own fields (active, position).
 */
export async function changeRosterEntry(
  db: Db,
  user: StaffUser,
  id: string,
  input: Record<string, unknown>,
  extra: { active?: boolean; position?: number },
): Promise<RosterChange> {
  const current = await rosterEntry(db, id);
  if (!current) return { refused: 'not_found' };
  const parsed = parseDutyInput({ ...current, ...input });
  if (!parsed.ok) return { refused: 'bad_input', error: parsed.error };
  await db.transaction().execute(async (trx) => {
    await updateDuty(trx, id, { ...parsed.entry, active: extra.active, position: extra.position });
    await writeAudit(trx, {
      userId: user.id,
      action: 'duty.change',
      details: { rosterId: id, fields: Object.keys(input) },
    });
  });
  return { entry: await rosterEntry(db, id) };
}

/** Takes someone off the roster: they stay (earlier alerts name them), inactive. False when there is no such entry. */
export async function takeOffRoster(db: Db, user: StaffUser, id: string): Promise<boolean> {
  if (!(await updateDuty(db, id, { active: false }))) return false;
  await writeAudit(db, { userId: user.id, action: 'duty.remove', details: { rosterId: id } });
  return true;
}

/** A dated exception as the roster's repository stores it (off that day, or other hours). */
export type RosterException = Omit<Parameters<typeof upsertDutyException>[2], 'note'>;

/** Sets (or replaces) one person's exception for a date; false when there is no such entry. */
export async function setRosterException(
  db: Db,
  user: StaffUser,
  id: string,
  exception: RosterException,
  note: string,
): Promise<boolean> {
  if (!(await rosterEntry(db, id))) return false;
  await upsertDutyException(db, id, { ...exception, note });
  await writeAudit(db, { userId: user.id, action: 'duty.exception', details: { rosterId: id, ...exception } });
  return true;
}

/** Removes one person's exception for a date; false when there was none. */
export async function removeRosterException(db: Db, user: StaffUser, id: string, date: string): Promise<boolean> {
  if (!(await deleteDutyException(db, id, date))) return false;
  await writeAudit(db, { userId: user.id, action: 'duty.exception.remove', details: { rosterId: id, date } });
  return true;
}

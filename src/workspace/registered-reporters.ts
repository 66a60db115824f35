/**
 * Admins registering RT heads and other reporters for the app (docs/app.md) and switching them off; switching
 * someone off ends their app sessions at once. Every change is audited.
 */
import type { Db } from '../db/connection';
import { countLiveAppSessions, revokeAppSessions } from '../db/repos/app-sign-in';
import { writeAudit } from '../db/repos/audit-log';
import {
  findReporterById,
  insertReporter,
  type NewReporter,
  type Reporter,
  setReporterActive,
} from '../db/repos/reporters';
import type { StaffUser } from '../db/repos/users';

/** The registered reporter; null when the phone number is registered already. */
export async function registerReporter(db: Db, user: StaffUser, input: NewReporter): Promise<Reporter | null> {
  return db.transaction().execute(async (trx) => {
    const r = await insertReporter(trx, input);
    if (r) await writeAudit(trx, { userId: user.id, action: 'reporter.create', details: { reporterId: r.id } });
    return r;
  });
}

/** Switches a reporter on or off; undefined when there is no such reporter. */
export async function setReporterActivity(
  db: Db,
  user: StaffUser,
  id: string,
  active: boolean,
): Promise<Reporter | undefined> {
  return db.transaction().execute(async (trx) => {
    const r = await setReporterActive(trx, id, active);
    // Switched off: their app stops working at once, not when the session would have expired.
    const revoked = r && !active ? await revokeAppSessions(trx, id) : 0;
    if (r) {
      await writeAudit(trx, {
        userId: user.id,
        action: 'reporter.update',
        details: { reporterId: id, active, sessionsRevoked: revoked },
      });
    }
    return r;
  });
}

/** How many app sessions of the reporter are live; null when there is no such reporter. */
export async function liveReporterSessions(db: Db, id: string): Promise<number | null> {
  if (!(await findReporterById(db, id))) return null;
  return countLiveAppSessions(db, id);
}

/** Ends every app session of the reporter; how many ended, or null when there is no such reporter. */
export async function endReporterSessions(db: Db, user: StaffUser, id: string): Promise<number | null> {
  if (!(await findReporterById(db, id))) return null;
  const revoked = await revokeAppSessions(db, id);
  await writeAudit(db, {
    userId: user.id,
    action: 'reporter.sessions_revoke',
    details: { reporterId: id, sessionsRevoked: revoked },
  });
  return revoked;
}

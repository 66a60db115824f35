/** Logging out: the session ends in the database (the cookie alone would not), and the logout is audited. */
import { hashSecret } from '../auth/secret-tokens';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { deleteSession } from '../db/repos/sessions';
import type { StaffUser } from '../db/repos/users';

/** Ends the session whose cookie value is `sessionId` (none when signed in with a token). */
export async function logOut(db: Db, user: StaffUser, sessionId: string | undefined): Promise<void> {
  if (sessionId) await deleteSession(db, hashSecret(sessionId));
  await writeAudit(db, { userId: user.id, action: 'session.logout' });
}

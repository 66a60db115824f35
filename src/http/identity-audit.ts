/** "Every response that shows an identity is written to the audit log" (docs/api.md), in one place. */

import { hasIdentity, seesIdentities } from '../auth/masking';
import type { Incident } from '../core/incident';
import type { DbOrTrx } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import type { StaffUser } from '../db/repos/users';

/** Records that `user` was shown the reporters of `incidents` through `route` (nothing when masked or none shown). */
export async function auditIdentityShown(
  db: DbOrTrx,
  user: StaffUser,
  route: string,
  incidents: Pick<Incident, 'id' | 'reporter'>[],
): Promise<void> {
  if (!seesIdentities(user.role)) return;
  const shown = incidents.filter((i) => hasIdentity(i as Incident)).map((i) => i.id);
  if (shown.length === 0) return;
  await writeAudit(db, {
    userId: user.id,
    action: 'identity.view',
    incidentId: shown.length === 1 ? shown[0] : null,
    details: { route, incidentIds: shown },
  });
}

/** Records that `user` was shown the senders of stored messages (nothing for viewers, who see them masked). */
export async function auditMessagesShown(
  db: DbOrTrx,
  user: StaffUser,
  route: string,
  rawMessageIds: string[],
): Promise<void> {
  if (!seesIdentities(user.role) || rawMessageIds.length === 0) return;
  await writeAudit(db, { userId: user.id, action: 'identity.view', details: { route, rawMessageIds } });
}

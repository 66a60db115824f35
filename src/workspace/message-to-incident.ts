/**
 * "Pesan lain": an operator turns a message the pipeline set aside (noise, auto-reply, unreadable) into an incident.
 * The stored message goes through the inbound queue again, marked as a staff entry: the same worker makes the
 * incident with the same rules (threading, duplicates, deadlines, alerts), and never makes a second one.
 */
import { DomainError } from '../core/domain-error';
import type { DbOrTrx } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { rawMessageInThread, rawMessageState, storedRawMessage } from '../db/repos/raw-messages';
import type { StaffUser } from '../db/repos/users';
import type { Queues } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';
import { type StaffReportOutcome, submitStaffReport } from './staff-report';

export async function turnMessageIntoIncident(
  deps: { db: DbOrTrx; redis: RedisClient; queues: Pick<Queues, 'addInbound'> },
  rawMessageId: string,
  user: StaffUser,
): Promise<StaffReportOutcome> {
  const stored = await rawMessageState(deps.db, rawMessageId);
  const raw = stored ? await storedRawMessage(deps.db, rawMessageId) : null;
  if (!stored || !raw) throw new DomainError('not_found', 'not_found', 'Pesan tidak ditemukan.');
  if (stored.state === 'received')
    throw new DomainError('conflict', 'not_processed', 'Pesan ini masih diproses; coba lagi sebentar lagi.');
  const before = await rawMessageInThread(deps.db, rawMessageId);
  if (before && stored.kind === 'report')
    throw new DomainError('conflict', 'already_incident', 'Pesan ini sudah menjadi bagian dari sebuah insiden.');
  const outcome = await submitStaffReport(deps, {
    ...raw,
    staffEntry: { userId: user.id, fields: {}, sendCode: false, fromStoredMessage: true },
  });
  if (outcome.state === 'stored' && !before) {
    await writeAudit(deps.db, {
      userId: user.id,
      action: 'message.to_incident',
      incidentId: outcome.incidentId,
      details: { rawMessageId, was: stored.state === 'unreadable' ? 'unreadable' : stored.kind },
    });
  }
  return outcome;
}

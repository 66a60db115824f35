/**
 * "Pesan lain": an operator turns a message the pipeline set aside (noise, auto-reply, unreadable) into an incident.
 * The stored message goes through the inbound queue again, marked as a staff entry: the same worker makes the
 * incident with the same rules (threading, duplicates, deadlines, alerts), and never makes a second one.
 */
import type { DbOrTrx } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { rawMessageInThread, storedRawMessage } from '../db/repos/raw-messages';
import type { StaffUser } from '../db/repos/users';
import { HttpError } from '../http/http-errors';
import type { Queues } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';
import { type StaffReportOutcome, submitStaffReport } from './staff-report';

export async function turnMessageIntoIncident(
  deps: { db: DbOrTrx; redis: RedisClient; queues: Pick<Queues, 'addInbound'> },
  rawMessageId: string,
  user: StaffUser,
): Promise<StaffReportOutcome> {
  const stored = await deps.db
    .selectFrom('raw_messages')
    .select(['state', 'kind'])
    .where('id', '=', rawMessageId)
    .executeTakeFirst();
  const raw = stored ? await storedRawMessage(deps.db, rawMessageId) : null;
  if (!stored || !raw) throw new HttpError(404, 'not_found', 'Pesan tidak ditemukan.');
  if (stored.state === 'received')
    throw new HttpError(409, 'not_processed', 'Pesan ini masih diproses; coba lagi sebentar lagi.');
  const before = await rawMessageInThread(deps.db, rawMessageId);
  if (before && stored.kind === 'report')
    throw new HttpError(409, 'already_incident', 'Pesan ini sudah menjadi bagian dari sebuah insiden.');
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

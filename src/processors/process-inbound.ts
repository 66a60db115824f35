/** The per-message path of the normalize role: one message, its own transaction (docs/architecture.md rules 2, 4, 6). */
import type { PrepareContext } from '../channels/registry';
import { pendingOutboundIds } from '../db/repos/outbound-messages';
import { storeRawMessage } from '../db/repos/raw-messages';
import { queueOutbound } from '../outbound/queue-outbound';
import type { InboundJobData } from '../queues/queues';
import { loadSettings } from '../settings';
import type { InboundDeps, InboundOutcome } from './inbound-deps';
import { type InboundReading, processedOutcome, readInbound, recordInputOf } from './inbound-reading';
import { recordNormalizedMessage } from './record-normalized-message';

/** Handles one inbound message end to end, in its own transaction; safe to call any number of times. */
export async function processInbound(
  data: InboundJobData,
  deps: InboundDeps,
  context: PrepareContext = { finalAttempt: false },
): Promise<InboundOutcome> {
  const stored = await storeRawMessage(deps.db, data.raw);
  const reading = await readInbound(data, stored, deps, context);
  if (reading.state === 'duplicate') {
    // Processed before (a redelivered job, a second webhook): only make sure its outbox reached the queue.
    await queueOutbound(deps.queues, await pendingOutboundIds(deps.db, { rawMessageId: stored.id }), deps.logger);
  }
  if (reading.state !== 'ready') return reading.outcome;
  return writeInbound(reading, deps);
}

/**
 * Writes one message already stored and read, in its own transaction: the second half of processInbound, and what
 * the batch uses for a message it keeps apart (attachments, a batch that failed twice) without reading it again.
 */
export async function writeInbound(
  reading: Extract<InboundReading, { state: 'ready' }>,
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const settings = await (deps.settings ? deps.settings() : loadSettings(deps.db));
  const result = await deps.db
    .transaction()
    .execute((trx) => recordNormalizedMessage(trx, recordInputOf(reading, deps, settings)));
  await queueOutbound(deps.queues, result.outboundIds, deps.logger);
  const outcome = processedOutcome(deps, reading, result);
  if (result.incidentId) deps.onIncidentChanged?.([result.incidentId]);
  return outcome;
}

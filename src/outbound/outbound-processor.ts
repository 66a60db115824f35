/** The outbound role's processor: delivers one outbox row through its transport, exactly once. */
import type { Job } from 'bullmq';
import type { Db } from '../db/connection';
import type { OutboundMessageRow } from '../db/database';
import { claimForSending, setOutboundState } from '../db/repos/outbound-messages';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { OutboundJobData } from '../queues/queues';
import type { TransportRegistry } from './transport';

export interface OutboundDeps {
  db: Db;
  transports: TransportRegistry;
  logger: Logger;
  metrics?: Metrics;
  /** Called for every row before delivery (also for rows already final): the follow-up arms escalation timers. */
  beforeSend?: (row: OutboundMessageRow) => Promise<void>;
}

/** States after which a row is never sent again, whatever job redelivery happens. */
const FINAL = new Set(['sent', 'delivered', 'read', 'queued_for_gateway', 'failed', 'undelivered', 'blocked']);

export async function processOutbound(data: OutboundJobData, deps: OutboundDeps): Promise<string> {
  // Stamps this attempt in the same statement; the row in hand keeps the previous attempt's time, so the transport
  // can ask the provider about an attempt whose outcome was lost instead of sending twice.
  const row = await claimForSending(deps.db, data.outboundMessageId);
  if (!row) return 'missing';
  await deps.beforeSend?.(row);
  if (FINAL.has(row.state)) return row.state;
  const transport = row.transport ? deps.transports[row.transport] : undefined;
  if (!transport) {
    const error = `transport ${row.transport ?? '(none)'} is not configured`;
    await setOutboundState(deps.db, row.id, { state: 'failed', error });
    deps.logger.warn({ outboundId: row.id, transport: row.transport }, error);
    return 'failed';
  }
  const result = await transport.send(row, deps.db);
  await setOutboundState(deps.db, row.id, {
    state: result.state,
    error: result.error ?? null,
    providerMessageId: result.providerMessageId ?? null,
  });
  deps.metrics?.outboundStates.inc({ channel: row.channel, state: result.state });
  return result.state;
}

export function createOutboundProcessor(deps: OutboundDeps) {
  return async (job: Job<OutboundJobData>): Promise<string> => processOutbound(job.data, deps);
}

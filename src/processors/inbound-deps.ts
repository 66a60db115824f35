/** What the normalize role's processor needs, and what it answers for each message. */
import type { PreparerRegistry } from '../channels/registry';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Gazetteer } from '../normalize/gazetteer';
import type { Queues } from '../queues/queues';
import type { Settings } from '../settings';

export interface InboundDeps {
  db: Db;
  queues: Pick<Queues, 'addOutboundBulk'>;
  preparers: PreparerRegistry;
  gazetteer: Gazetteer;
  timezone: string;
  /** PUBLIC_URL: the link in alerts to the people on duty. */
  publicUrl?: string;
  ackReplies: boolean;
  logger: Logger;
  metrics?: Metrics;
  now?: () => Date;
  newReference?: () => string;
  /** Where the settings come from; default: read the table for each message. The service caches (settings-cache). */
  settings?: () => Promise<Settings>;
  /**
   * Called after each commit with the incidents it created or changed, once per batch (the live list's event
   * stream listens).
   */
  onIncidentChanged?: (incidentIds: string[]) => void;
  /**
   * Batching of the worker's jobs (INBOUND_BATCH_SIZE, INBOUND_BATCH_FLUSH_MS): jobs that arrive together are
   * written in one transaction. Default: batches of up to 20, gathered for 5 ms, three at once.
   */
  batch?: { maxSize: number; flushMs: number; maxInFlight?: number };
}

export type InboundOutcome =
  | { state: 'duplicate'; rawMessageId: string }
  | { state: 'unreadable'; rawMessageId: string; reason: string }
  | { state: 'processed'; rawMessageId: string; kind: string; incidentId: string | null; created: boolean };

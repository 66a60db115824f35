/** The producer side of the queues, shared by webhooks, the IMAP ingester, the workspace and the CLI. */
import { type DefaultJobOptions, Queue } from 'bullmq';
import type { RawMessage } from '../core/raw-message';
import { inboundJobId, outboundJobId } from './job-ids';
import { JOB_OPTIONS } from './job-options';
import { INBOUND_QUEUE, OUTBOUND_QUEUE, QUEUE_NAMES, type QueueName } from './queue-names';
import type { RedisClient } from './redis-connections';

export interface InboundJobData {
  raw: RawMessage;
  /** Set by `halo replay`: re-run normalization over a stored raw message. */
  replay?: boolean;
}

export interface OutboundJobData {
  outboundMessageId: string;
}

/** A queue of the list with its job options (`options` only where a test needs shorter waits). */
export function openQueue<T>(
  name: QueueName,
  connection: RedisClient,
  prefix: string,
  options: DefaultJobOptions = JOB_OPTIONS[name],
): Queue<T> {
  const queue = new Queue<T>(name, { connection, prefix, defaultJobOptions: options });
  // Queue instances emit 'error' on connection trouble; the failing add() is what callers act on.
  queue.on('error', () => {});
  return queue;
}

export interface Queues {
  inbound: Queue<InboundJobData>;
  outbound: Queue<OutboundJobData>;
  /** Every queue of the list by name (the dead-letter view, the metrics), `inbound` and `outbound` included. */
  all: Record<QueueName, Queue>;
  /** Queue one inbound message; resolves only once Redis has it. */
  addInbound(raw: RawMessage): Promise<string>;
  addInboundBulk(raws: RawMessage[]): Promise<void>;
  /** Inbound jobs waiting for a worker (not yet active): what a producer reading a backlog paces itself by. */
  inboundWaiting(): Promise<number>;
  addOutbound(outboundMessageId: string, delayMs?: number): Promise<void>;
  /** Queue committed outbox rows in one round trip (job ids dedupe rows queued before). */
  addOutboundBulk(outboundMessageIds: string[]): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(connection: RedisClient, prefix: string): Queues {
  const all = Object.fromEntries(QUEUE_NAMES.map((name) => [name, openQueue(name, connection, prefix)])) as Record<
    QueueName,
    Queue
  >;
  const inbound = all[INBOUND_QUEUE] as Queue<InboundJobData>;
  const outbound = all[OUTBOUND_QUEUE] as Queue<OutboundJobData>;
  return {
    inbound,
    outbound,
    all,
    async addInbound(raw) {
      const jobId = inboundJobId(raw.channel, raw.externalId);
      await inbound.add('message', { raw }, { jobId });
      return jobId;
    },
    async addInboundBulk(raws) {
      if (raws.length === 0) return;
      await inbound.addBulk(
        raws.map((raw) => ({
          name: 'message',
          data: { raw },
          opts: { jobId: inboundJobId(raw.channel, raw.externalId) },
        })),
      );
    },
    inboundWaiting: () => inbound.getWaitingCount(),
    async addOutbound(outboundMessageId, delayMs) {
      await outbound.add(
        'send',
        { outboundMessageId },
        { jobId: outboundJobId(outboundMessageId), ...(delayMs ? { delay: delayMs } : {}) },
      );
    },
    async addOutboundBulk(outboundMessageIds) {
      if (outboundMessageIds.length === 0) return;
      await outbound.addBulk(
        outboundMessageIds.map((outboundMessageId) => ({
          name: 'send',
          data: { outboundMessageId },
          opts: { jobId: outboundJobId(outboundMessageId) },
        })),
      );
    },
    async close() {
      await Promise.all(Object.values(all).map((queue) => queue.close()));
    },
  };
}

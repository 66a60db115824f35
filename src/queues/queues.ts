/** The producer side of the queues, shared by webhooks, the IMAP ingester and the CLI. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RawMessage } from '../core/raw-message';
import { inboundJobId, outboundJobId } from './job-ids';
import { INBOUND_JOB_OPTIONS, OUTBOUND_JOB_OPTIONS } from './job-options';
import { INBOUND_QUEUE, OUTBOUND_QUEUE } from './queue-names';

export interface InboundJobData {
  raw: RawMessage;
  /** Set by `halo replay`: re-run normalization over a stored raw message. */
  replay?: boolean;
}

export interface OutboundJobData {
  outboundMessageId: string;
}

export interface Queues {
  inbound: Queue<InboundJobData>;
  outbound: Queue<OutboundJobData>;
  /** Queue one inbound message; resolves only once Redis has it. */
  addInbound(raw: RawMessage): Promise<string>;
  addInboundBulk(raws: RawMessage[]): Promise<void>;
  addOutbound(outboundMessageId: string, delayMs?: number): Promise<void>;
  /** Queue committed outbox rows in one round trip (job ids dedupe rows queued before). */
  addOutboundBulk(outboundMessageIds: string[]): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const inbound = new Queue<InboundJobData>(INBOUND_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: INBOUND_JOB_OPTIONS,
  });
  const outbound = new Queue<OutboundJobData>(OUTBOUND_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: OUTBOUND_JOB_OPTIONS,
  });
  // Queue instances emit 'error' on connection trouble; the failing add() is what callers act on.
  inbound.on('error', () => {});
  outbound.on('error', () => {});
  return {
    inbound,
    outbound,
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
      await Promise.all([inbound.close(), outbound.close()]);
    },
  };
}

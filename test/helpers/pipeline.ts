/**
 * The inbound pipeline as the service runs it (real queues, real BullMQ worker, real processor) over a test
 * database and a unique queue prefix, for tests that put messages in and count what was stored.
 */
import { Worker } from 'bullmq';
import { createPreparerRegistry, type PreparerRegistry } from '../../src/channels/registry';
import type { RawMessage } from '../../src/core/raw-message';
import { createInboundProcessor, type InboundDeps } from '../../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../../src/queues/job-options';
import { INBOUND_QUEUE } from '../../src/queues/queue-names';
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection, createWorkerConnection } from '../../src/queues/redis-connections';
import { inboundDeps } from './inbound-deps';
import { createTestDatabase, type TestDatabase } from './test-database';
import { captureLogger } from './test-logger';
import { clearPrefix, REDIS_URL, uniquePrefix } from './test-redis';

export interface Pipeline {
  t: TestDatabase;
  prefix: string;
  queues: Queues;
  worker: Worker;
  logLines: string[];
  close(): Promise<void>;
}

export async function startPipeline(
  options: { preparers?: PreparerRegistry; deps?: Partial<InboundDeps>; label?: string } = {},
): Promise<Pipeline> {
  const t = await createTestDatabase(options.label ?? 'pipeline');
  const prefix = uniquePrefix(options.label ?? 'pipeline');
  const producer = createProducerConnection(REDIS_URL);
  const queues = createQueues(producer, prefix);
  const { logger, lines } = captureLogger();
  const worker = new Worker(
    INBOUND_QUEUE,
    createInboundProcessor(
      inboundDeps(t.db, {
        queues,
        preparers: options.preparers ?? createPreparerRegistry(),
        logger,
        ...options.deps,
      }),
    ),
    { connection: createWorkerConnection(REDIS_URL), prefix, concurrency: 4, ...WORKER_OPTIONS },
  );
  worker.on('error', () => {});
  return {
    t,
    prefix,
    queues,
    worker,
    logLines: lines,
    async close() {
      await worker.close();
      await worker.disconnect();
      await queues.close();
      producer.disconnect();
      await clearPrefix(prefix);
      await t.drop();
    },
  };
}

let counter = 0;
/** A WhatsApp/SMS message as a channel adapter would build it. */
export function textMessage(text: string, over: Partial<RawMessage> = {}): RawMessage {
  counter++;
  return {
    channel: 'sms',
    provider: 'smssync',
    externalId: `test-${Date.now()}-${counter}`,
    receivedAt: new Date().toISOString(),
    from: '+6281245678901',
    to: '+6281100001111',
    text,
    ...over,
  };
}

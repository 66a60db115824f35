/**
 * The email channel end to end for tests: a private Dovecot, a fresh database, a unique queue prefix, the real
 * inbound (and outbound) workers in-process, and the IMAP ingester started as the imap role starts it.
 */
import { Worker } from 'bullmq';
import { StatusBoard } from '../../../src/app-deps/status-board';
import { type Channels, createChannels } from '../../../src/channels/channels';
import { startMailboxes } from '../../../src/channels/email/start-mailboxes';
import { parseConfig } from '../../../src/config';
import { createMetrics } from '../../../src/metrics';
import { loadGazetteer } from '../../../src/normalize/gazetteer-loader';
import { createOutboundProcessor } from '../../../src/outbound/outbound-processor';
import { createInboundProcessor } from '../../../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../../../src/queues/job-options';
import { INBOUND_QUEUE, OUTBOUND_QUEUE } from '../../../src/queues/queue-names';
import { createQueues, type Queues } from '../../../src/queues/queues';
import { createProducerConnection, createWorkerConnection } from '../../../src/queues/redis-connections';
import { type Dovecot, startDovecot } from '../../helpers/dovecot';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { captureLogger } from '../../helpers/test-logger';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../../helpers/test-redis';
import { waitFor, waitWhileProgressing } from '../../helpers/wait-for';

export interface EmailEnv {
  dovecot: Dovecot;
  tdb: TestDatabase;
  queues: Queues;
  channels: Channels;
  status: StatusBoard;
  logLines: string[];
  config: ReturnType<typeof parseConfig>;
  /** Starts the imap role; call the result to stop it. */
  startIngest(options?: {
    batchSize?: number;
    maxWaiting?: number;
    port?: number;
    moveIntervalMs?: number;
    resyncIntervalMs?: number;
  }): Promise<() => Promise<void>>;
  rawCount(): Promise<number>;
  /** Until `n` messages are stored and no job is left; fails when nothing has moved for 30 s. */
  waitForRaw(n: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startEmailEnv(
  env: Record<string, string> = {},
  options: { mailbox?: string; dovecot?: Dovecot } = {},
): Promise<EmailEnv> {
  const dovecot = options.dovecot ?? (await startDovecot());
  const tdb = await createTestDatabase('email');
  const prefix = uniquePrefix('email');
  const redis = createProducerConnection(REDIS_URL);
  await waitFor(() => redis.status === 'ready', { what: 'redis' });
  const queues = createQueues(redis, prefix);
  const { logger, lines } = captureLogger();
  const config = parseConfig({
    IMAP_HOST: dovecot.host,
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: dovecot.user,
    IMAP_PASS: dovecot.pass,
    IMAP_MAILBOX: options.mailbox ?? 'INBOX',
    QUEUE_PREFIX: prefix,
    ...env,
  });
  const metrics = createMetrics();
  const status = new StatusBoard();
  const deps = { config, db: tdb.db, logger, metrics, status, queues };
  const channels = createChannels(deps);
  const workers: Worker[] = [
    new Worker(
      INBOUND_QUEUE,
      createInboundProcessor({
        db: tdb.db,
        queues,
        preparers: channels.preparers,
        gazetteer: loadGazetteer('73.73'),
        timezone: config.TIMEZONE,
        ackReplies: config.ACK_REPLIES,
        logger,
        metrics,
      }),
      { connection: createWorkerConnection(REDIS_URL), prefix, concurrency: 4, ...WORKER_OPTIONS },
    ),
    new Worker(OUTBOUND_QUEUE, createOutboundProcessor({ db: tdb.db, transports: channels.transports, logger }), {
      connection: createWorkerConnection(REDIS_URL),
      prefix,
      concurrency: 2,
    }),
  ];
  for (const w of workers) w.on('error', () => {});
  const stops: Array<() => Promise<void>> = [];
  const rawCount = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('raw_messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    dovecot,
    tdb,
    queues,
    channels,
    status,
    logLines: lines,
    config,
    async startIngest(o = {}) {
      const c = o.port ? { ...config, IMAP_PORT: o.port } : config;
      const stop = await startMailboxes(
        { ...deps, config: c },
        {
          resyncIntervalMs: o.resyncIntervalMs ?? 60_000,
          moveIntervalMs: o.moveIntervalMs,
          backoff: { minMs: 100, maxMs: 800 },
          batchSize: o.batchSize ?? 50,
          ...(o.maxWaiting ? { maxWaiting: o.maxWaiting } : {}),
        },
      );
      if (!stop) throw new Error('imap did not start');
      stops.push(stop);
      return stop;
    },
    rawCount,
    async waitForRaw(n, what = `${n} stored messages`) {
      await waitWhileProgressing(
        async () => ({ stored: await rawCount(), pending: await pendingJobs(queues) }),
        ({ stored, pending }) => stored >= n && pending === 0,
        { what },
      );
    },
    async close() {
      for (const stop of stops) await stop().catch(() => {});
      // Worker.close() leaves a connection it was handed open; disconnect() closes it.
      await Promise.all(
        workers.map(async (w) => {
          await w.close();
          await w.disconnect();
        }),
      );
      await channels.close();
      await queues.close();
      redis.disconnect();
      await tdb.drop();
      if (!options.dovecot) await dovecot.destroy();
      await clearPrefix(prefix);
    },
  };
}

/** Jobs not finished yet on the inbound queue. */
export async function pendingJobs(queues: Queues): Promise<number> {
  const counts = await queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Each delivered Message-ID stored exactly once, and nothing else. */
export async function storedIdentities(env: EmailEnv): Promise<string[]> {
  const rows = await env.tdb.db.selectFrom('raw_messages').select('external_id').orderBy('external_id').execute();
  return rows.map((r) => r.external_id);
}

/** The Message-ID of a built test mail, without brackets. */
export function idOf(source: string): string {
  return /^Message-ID: <([^>]+)>/im.exec(source)![1]!;
}

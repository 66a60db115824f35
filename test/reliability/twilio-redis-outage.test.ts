/**
 * Redis killed (kill -9; AOF with appendfsync always) and restarted while signed Twilio webhooks arrive:
 * every webhook that got a 200 is stored exactly once, the others got a 503 (Twilio retries those), and the
 * service recovers by itself when Redis is back.
 */
import { Worker } from 'bullmq';
import { createInboundProcessor } from '../../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../../src/queues/job-options';
import { INBOUND_QUEUE } from '../../src/queues/queue-names';
import { createWorkerConnection } from '../../src/queues/redis-connections';
import { type ChannelRig, startRig } from '../channels/channel-harness';
import { ACCOUNT_SID, signed } from '../channels/twilio/sign';
import { inboundDeps } from '../helpers/inbound-deps';
import { DURABLE_REDIS_ARGS, type PrivateRedis, startPrivateRedis } from '../helpers/private-redis';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(120000);

let redis: PrivateRedis;
let rig: ChannelRig;
beforeAll(async () => {
  redis = await startPrivateRedis(DURABLE_REDIS_ARGS);
  rig = await startRig('redis-outage', { redisUrl: redis.url });
  await waitFor(() => rig.redis.status === 'ready', { what: 'producer connected' });
});
afterAll(async () => {
  await rig.close();
  await redis.destroy();
});

function webhook(i: number) {
  const sid = `SM${String(i).padStart(32, '0')}`;
  const form = {
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: `whatsapp:+62812${String(1000000 + i)}`,
    To: 'whatsapp:+14155238886',
    Body: `Laporan ${i}: ada keributan antar pemuda di Kelurahan Ponjalae`,
    NumMedia: '0',
  };
  return { sid, request: signed('https://halo.example.go.id/webhooks/twilio', form) };
}

test('every 200 is stored exactly once across a Redis crash and restart', async () => {
  const total = 300;
  const answers = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    if (i === 100) await redis.kill();
    if (i === 200) {
      await redis.start();
      await waitFor(() => rig.redis.status === 'ready', { what: 'producer reconnected' });
    }
    const { sid, request } = webhook(i);
    const res = await rig.app.inject({ method: 'POST', url: '/webhooks/twilio', ...request });
    answers.set(sid, res.statusCode);
  }
  const ok = [...answers].filter(([, status]) => status === 200).map(([sid]) => sid);
  const refused = [...answers].filter(([, status]) => status === 503).map(([sid]) => sid);
  expect(ok.length + refused.length).toBe(total); // nothing but 200 or 503
  expect(refused.length).toBeGreaterThanOrEqual(90); // the outage was seen and answered with 503
  expect(ok.length).toBeGreaterThanOrEqual(190); // before and after it, messages were accepted

  const worker = new Worker(
    INBOUND_QUEUE,
    createInboundProcessor(
      inboundDeps(rig.database.db, {
        queues: rig.queues,
        preparers: rig.channels.preparers,
        ackReplies: false,
        logger: rig.logger,
      }),
    ),
    { connection: createWorkerConnection(redis.url), prefix: rig.prefix, concurrency: 8, ...WORKER_OPTIONS },
  );
  try {
    const stored = await waitFor(
      async () => {
        const rows = await rig.database.db.selectFrom('raw_messages').select(['external_id', 'state']).execute();
        return rows.length >= ok.length && rows.every((r) => r.state === 'processed') ? rows : null;
      },
      { timeoutMs: 60000, what: 'accepted webhooks stored' },
    );
    const storedIds = new Set(stored.map((r) => r.external_id));
    expect(storedIds.size).toBe(stored.length); // exactly once
    for (const sid of ok) expect(storedIds.has(sid)).toBe(true); // every 200 is stored
  } finally {
    await worker.close();
    await worker.disconnect();
  }
});

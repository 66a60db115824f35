/**
 * A job that fails for good is a dead letter: `halo dead-letters` lists it with its error (and no reporter's
 * data), and `--retry ID` queues it again, after which it is stored like any other (docs/architecture.md rule 6).
 * Every queue has its dead letters listed: an escalation timer or a partner's webhook delivery that failed for good
 * is one too.
 */
import { Worker } from 'bullmq';
import { createPreparerRegistry } from '../../src/channels/registry';
import { prepareTextMessage } from '../../src/channels/text-preparer';
import { inboundJobId } from '../../src/queues/job-ids';
import { FOLLOW_UP_QUEUE, WEBHOOK_QUEUE } from '../../src/queues/queue-names';
import { createWorkerConnection } from '../../src/queues/redis-connections';
import { type Pipeline, startPipeline, textMessage } from '../helpers/pipeline';
import { spawnService } from '../helpers/spawn-service';
import { REDIS_URL } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';
import { drained, leftoverJobs, NO_LEFTOVERS } from './exactly-once';

jest.setTimeout(90000);

/** The gateway's reader breaks (a bug, not bad input) until the test repairs it. */
let broken = true;
const preparers = createPreparerRegistry({
  byProvider: {
    flaky: async (raw) => {
      if (broken) throw new Error('reader crashed: simulated bug');
      return prepareTextMessage(raw);
    },
  },
});

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({ preparers, label: 'deadletters' });
});
afterAll(() => p.close());

/** `halo ARGS` as a child process, as an operator runs it; a nonzero exit rejects with its code. */
async function halo(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const cli = spawnService({ DATABASE_URL: p.t.url, REDIS_URL, QUEUE_PREFIX: p.prefix }, 'src/cli/main.ts', args);
  const code = await cli.exited;
  if (code !== 0)
    throw Object.assign(new Error(`halo ${args.join(' ')} exited with ${code}: ${cli.stderr()}`), { code });
  return { stdout: cli.stdout(), stderr: cli.stderr() };
}

test('a job that fails for good is listed with its error, and --retry stores it once', async () => {
  const phone = '+6285255501234';
  const text = 'Ada pembakaran rumah ibadah di Kelurahan Lagaligo, massa masih berkumpul';
  const raw = textMessage(text, { from: phone, provider: 'flaky', externalId: 'SMdeadletter0001' });
  const jobId = inboundJobId(raw.channel, raw.externalId);
  // The service's 40 attempts over about half an hour, cut to 2 for the test through the job's own options.
  await p.queues.inbound.add('message', { raw }, { jobId, attempts: 2, backoff: { type: 'fixed', delay: 100 } });
  await waitFor(async () => (await p.queues.inbound.getJobCounts('failed')).failed === 1, { what: 'job failed' });

  // Staff can see it before anyone retries: the raw message is stored, with the attempts and the error.
  const stored = await p.t.db
    .selectFrom('raw_messages')
    .selectAll()
    .where('external_id', '=', raw.externalId)
    .executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ state: 'received', attempts: 2, error: 'reader crashed: simulated bug' });

  const listed = await halo('dead-letters');
  const letters = listed.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(letters).toEqual([
    expect.objectContaining({ id: jobId, queue: 'inbound', attempts: 2, error: 'reader crashed: simulated bug' }),
  ]);
  expect(listed.stderr).toContain('1 failed job(s)');
  for (const secret of [phone, phone.slice(3), text]) expect(listed.stdout + listed.stderr).not.toContain(secret);

  await expect(halo('dead-letters', '--retry', 'in-sms-no-such-job')).rejects.toMatchObject({ code: 1 });

  broken = false;
  const retried = await halo('dead-letters', '--retry', jobId);
  expect(retried.stderr).toContain('retried 1');
  await waitFor(() => drained(p.queues.inbound), { what: 'retried job done' });

  expect(await leftoverJobs(p.queues.inbound)).toEqual(NO_LEFTOVERS);
  const after = await p.t.db.selectFrom('raw_messages').selectAll().execute();
  expect(after).toHaveLength(1);
  expect(after[0]).toMatchObject({ state: 'processed', kind: 'report', error: null });
  expect(await p.t.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
  expect(await p.t.db.selectFrom('outbound_messages').select('purpose').execute()).toEqual([{ purpose: 'ack' }]);
  expect((await halo('dead-letters')).stdout.trim()).toBe('');
});

test('a failed escalation and a failed webhook delivery are dead letters too, and --retry queues one again', async () => {
  // Workers that fail every job at once, standing in for a roster or a partner that cannot be reached.
  const failing = [FOLLOW_UP_QUEUE, WEBHOOK_QUEUE].map(
    (name) =>
      new Worker(
        name,
        async () => {
          throw new Error(`${name}: simulated failure`);
        },
        { connection: createWorkerConnection(REDIS_URL), prefix: p.prefix },
      ),
  );
  try {
    await p.queues.all[FOLLOW_UP_QUEUE].add(
      'escalate',
      { incidentId: '1', level: 1 },
      { jobId: 'esc-1-1', attempts: 1 },
    );
    await p.queues.all[WEBHOOK_QUEUE].add('deliver', { deliveryId: '7' }, { jobId: 'wh-7', attempts: 1 });
    await waitFor(
      async () =>
        (await p.queues.all[FOLLOW_UP_QUEUE].getJobCounts('failed')).failed === 1 &&
        (await p.queues.all[WEBHOOK_QUEUE].getJobCounts('failed')).failed === 1,
      { what: 'both jobs failed' },
    );
  } finally {
    for (const w of failing) {
      await w.close();
      await w.disconnect();
    }
  }

  const listed = (await halo('dead-letters')).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(listed).toEqual([
    expect.objectContaining({ id: 'esc-1-1', queue: 'follow-up', error: 'follow-up: simulated failure' }),
    expect.objectContaining({ id: 'wh-7', queue: 'webhooks', error: 'webhooks: simulated failure' }),
  ]);

  expect((await halo('dead-letters', '--retry', 'wh-7')).stderr).toContain('retried 1');
  expect(await p.queues.all[WEBHOOK_QUEUE].getJobCounts('failed', 'wait')).toEqual({ failed: 0, wait: 1 });
  const left = (await halo('dead-letters')).stdout.trim().split('\n');
  expect(left.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['esc-1-1']);
});

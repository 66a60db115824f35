/**
 * `halo replay` re-reads stored raw messages with the current normalizer; a staff correction survives it.
 * The command runs as an operator would run it: a child process with its own environment, no service running.
 */

import { createPreparerRegistry } from '../../src/channels/registry';
import { upsertUser } from '../../src/db/repos/users';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { processInbound } from '../../src/processors/inbound-processor';
import { changeIncident } from '../../src/workspace/incident-changes';
import { type Pipeline, startPipeline, textMessage } from '../helpers/pipeline';
import { spawnService } from '../helpers/spawn-service';
import { captureLogger } from '../helpers/test-logger';
import { REDIS_URL } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60000);

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({ label: 'replay' });
});
afterAll(() => p.close());

function halo(args: string[]) {
  return spawnService(
    { DATABASE_URL: p.t.url, REDIS_URL, QUEUE_PREFIX: p.prefix, LOG_LEVEL: 'warn' },
    `src/cli/main.ts`,
    args,
  );
}

test('replay refreshes the machine reading but never a staff correction', async () => {
  // The service's worker is stopped: the command must process its own jobs.
  await p.worker.close();
  const deps = {
    db: p.t.db,
    queues: { addOutboundBulk: async () => {} },
    preparers: createPreparerRegistry(),
    gazetteer: loadGazetteer('73.73'),
    timezone: 'Asia/Makassar',
    ackReplies: false,
    logger: captureLogger().logger,
  };
  const corrected = textMessage('Ada pesta miras dan judi di pos ronda Kelurahan Lagaligo tadi malam');
  const untouched = textMessage('Banjir di Kelurahan Binturu, air masuk rumah warga sejak subuh');
  await processInbound({ raw: corrected }, deps);
  await processInbound({ raw: untouched }, deps);

  const { user } = await upsertUser(p.t.db, { email: 'operator@example.go.id', role: 'operator', passwordHash: 'x' });
  const first = await p.t.db
    .selectFrom('incidents')
    .selectAll()
    .where('kelurahan', '=', 'Lagaligo')
    .executeTakeFirstOrThrow();
  expect(first.category).toBe('penyakit_masyarakat');
  await changeIncident(p.t.db, deps.gazetteer, first.id, { category: 'kriminalitas' }, user);

  // Make the machine's stored reading stale, as an older normalizer would have left it.
  await p.t.db
    .updateTable('incidents')
    .set({ title: 'lama', summary: 'lama', category: 'lainnya' })
    .where('kelurahan', '=', 'Binturu')
    .execute();
  await p.t.db.updateTable('incidents').set({ title: 'lama' }).where('id', '=', first.id).execute();

  const run = halo(['replay']);
  expect(await run.exited).toBe(0);
  expect(run.stderr()).toContain('replay: done, 2 re-normalized, 0 failed');

  const after = await p.t.db.selectFrom('incidents').selectAll().orderBy('id').execute();
  expect(after).toHaveLength(2);
  const [a, b] = after as [(typeof after)[0], (typeof after)[0]];
  expect(a.category).toBe('kriminalitas'); // the correction stands
  expect(a.title).not.toBe('lama'); // the rest of the reading was refreshed
  expect(b.category).toBe('bencana');
  expect(b.title).not.toBe('lama');
  // Replay never duplicates: same raw messages, same incidents.
  expect(await p.t.db.selectFrom('raw_messages').select('id').execute()).toHaveLength(2);
  await waitFor(async () => (await p.queues.inbound.getJobCounts('failed')).failed === 0);
});

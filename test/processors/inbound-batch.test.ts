/**
 * A message that cannot be written (here: a reading PostgreSQL refuses) arrives in the same batch as good ones: the
 * batch fails, is tried again, then its messages go one by one, so that only the poison message's job fails and the
 * others become their incidents, each once.
 */
import { createPreparerRegistry } from '../../src/channels/registry';
import { prepareTextMessage } from '../../src/channels/text-preparer';
import type { Priority } from '../../src/core/normalized-message';
import { normalize } from '../../src/normalize';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { type Pipeline, startPipeline, textMessage } from '../helpers/pipeline';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60000);

const gazetteer = loadGazetteer('73.73');
let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({
    label: 'batchpoison',
    preparers: createPreparerRegistry({
      byProvider: {
        // A reader whose reading breaks the incidents table's priority check: the insert fails every time.
        'poison-reader': async (raw) => {
          const prepared = await prepareTextMessage(raw);
          const n = normalize(prepared.input, { gazetteer, timezone: 'Asia/Makassar' });
          return { ...prepared, normalized: { ...n, kind: 'report', priority: 'bogus' as Priority } };
        },
      },
    }),
  });
});
afterAll(() => p.close());

test('a poison message in a batch fails only its own job; the others in its batch become incidents', async () => {
  const good = [
    'Ada tawuran pemuda di Kel. Amassangan dekat masjid',
    'Rumah warga terbakar di Kelurahan Boting, api makin besar',
    'Banjir setinggi lutut di Kelurahan Salekoe, warga mengungsi',
  ].map((text, i) => textMessage(text, { from: `+62812000000${i + 1}` }));
  const poison = textMessage('Ada keributan di Kelurahan Benteng', {
    provider: 'poison-reader',
    from: '+6281200000009',
  });
  // One bulk add: the worker takes all four at once, into one batch.
  await p.queues.addInboundBulk([good[0]!, poison, good[1]!, good[2]!]);

  const incidents = await waitFor(async () => {
    const rows = await p.t.db.selectFrom('incidents').select(['first_raw_message_id']).execute();
    return rows.length === 3 ? rows : null;
  });
  expect(incidents).toHaveLength(3);
  const failedOnce = await waitFor(async () => {
    const jobs = await p.queues.inbound.getJobs(['delayed', 'failed', 'waiting', 'active']);
    return jobs.find((j) => j.data.raw.externalId === poison.externalId && j.attemptsMade >= 1) ?? null;
  });
  expect(failedOnce.failedReason).toMatch(/check constraint/);
  // It was a batch that failed (and was split), not four messages written alone.
  expect(p.logLines.filter((l) => l.includes('"msg":"inbound batch failed"')).length).toBeGreaterThanOrEqual(2);
  const raws = await p.t.db.selectFrom('raw_messages').select(['external_id', 'state']).execute();
  const state = Object.fromEntries(raws.map((r) => [r.external_id, r.state]));
  expect(good.map((m) => state[m.externalId])).toEqual(['processed', 'processed', 'processed']);
  // Kept, never lost: the poison message waits, stored, for its retries or the dead-letter view.
  expect(state[poison.externalId]).toBe('received');
});

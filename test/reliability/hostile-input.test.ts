/**
 * Hostile input through the whole pipeline (queue → real worker process → PostgreSQL): each message ends as a
 * processed row or a clear "unreadable" record, never stuck and never a failed job, the worker stays up, and
 * the messages after it flow (docs/architecture.md rule 6).
 */
import { buildRawEmail } from '../../src/channels/email/raw-email';
import type { RawMessage } from '../../src/core/raw-message';
import { HOSTILE_MAIL } from '../channels/email/hostile-mail';
import { waitFor } from '../helpers/wait-for';
import type { WorkerProcess } from '../helpers/worker-process';
import { drained, leftoverJobs, NO_LEFTOVERS } from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';

jest.setTimeout(120000);

let bench: FaultBench;
let worker: WorkerProcess;
beforeAll(async () => {
  bench = await startFaultBench({ label: 'hostile' });
  worker = bench.spawn();
  await worker.ready();
});
afterAll(() => bench.close());

let n = 0;
const sms = (text: string | null | undefined, over: Partial<RawMessage> = {}): RawMessage => ({
  channel: 'sms',
  provider: 'smssync',
  externalId: `hostile-${++n}`,
  receivedAt: new Date().toISOString(),
  from: `+6285311${String(n).padStart(6, '0')}`,
  to: '+6281100001111',
  text,
  ...over,
});

const report = 'Ada tawuran antar pemuda di Kel. Benteng, warga resah';
const cases: Array<[label: string, raw: RawMessage]> = [
  ['a 2 MB SMS body', sms(`${report}. ${'bla bla ribut di lorong '.repeat(90000)}`)],
  ['invalid UTF-8 as the gateway decodes it (U+FFFD)', sms(`${report} \uFFFD\uFFFD\xC3\x28 \uFFFD`)],
  ['lone surrogates', sms(`${report} \uD800 dan \uDFFF serta \uDBFF\uD800x`)],
  ['lone surrogates in the sender name and subject', sms(report, { profileName: 'Budi \uD83D', subject: '\uDC00' })],
  ['NUL characters', sms(`${report}\u0000\u0000 lanjut\u0000`)],
  ['NUL in the sender', sms(report, { from: '+62853\u00001234567' })],
  ['empty text', sms('')],
  ['no text at all', sms(null)],
  ['text missing from the payload', sms(undefined)],
  [
    '10,000 lines',
    sms(Array.from({ length: 10000 }, (_, i) => `baris ${i}: ada keributan di Kel. Benteng`).join('\n')),
  ],
  ['control characters and bidi overrides', sms(`${report} \u202E\u0007\u001B[31m\u200B\uFEFF`)],
  ['a provider nobody reads', sms(report, { provider: 'pigeon', channel: 'email' })],
  // Parsed in the worker's email parse threads, each within its time limit (src/channels/email/email-parse-pool.ts).
  ...HOSTILE_MAIL.map(([label, build]): [string, RawMessage] => [
    `email: ${label}`,
    buildRawEmail({ provider: 'imap', source: Buffer.from(build()) }),
  ]),
];

test.each(cases)('%s: processed or unreadable, never stuck or failed', async (_label, raw) => {
  const t = bench.t!;
  await bench.queues.addInbound(raw);
  const row = await waitFor(
    async () => {
      const found = await t.db
        .selectFrom('raw_messages')
        .select(['state', 'error', 'kind'])
        .where('external_id', '=', raw.externalId)
        .executeTakeFirst();
      return found && found.state !== 'received' ? found : null;
    },
    { timeoutMs: 30000, what: `${raw.externalId} processed` },
  );
  if (row.state === 'unreadable') expect(row.error).toMatch(/\w/);
  else expect(row.state).toBe('processed');
  expect(worker.alive()).toBe(true);
  expect((await bench.queues.inbound.getJobCounts('failed')).failed).toBe(0);
});

test('after all of them the worker is up and an ordinary report still becomes an incident', async () => {
  const { queues } = bench;
  const t = bench.t!;
  const after = sms('Kebakaran rumah warga di Kelurahan Songka, api masih menyala');
  await queues.addInbound(after);
  await waitFor(() => drained(queues.inbound), { timeoutMs: 30000, what: 'queue drained' });
  const raw = await t.db
    .selectFrom('raw_messages')
    .select(['id', 'state', 'kind'])
    .where('external_id', '=', after.externalId)
    .executeTakeFirstOrThrow();
  expect(raw).toMatchObject({ state: 'processed', kind: 'report' });
  const incident = await t.db
    .selectFrom('incidents')
    .select('kelurahan')
    .where('first_raw_message_id', '=', raw.id)
    .executeTakeFirstOrThrow();
  expect(incident.kelurahan).toBe('Songka');
  expect(worker.alive()).toBe(true);
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  // Every hostile message is stored once, none left behind.
  const states = await t.db.selectFrom('raw_messages').select('state').execute();
  expect(states).toHaveLength(cases.length + 1);
  expect(states.filter((s) => s.state === 'received')).toEqual([]);
});

/** `halo import` and `halo reconcile`: the same pipeline and identity as IMAP, so nothing is ever stored twice. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { splitMbox } from '../../../src/channels/email/mbox-reader';
import type { CliServices } from '../../../src/cli/cli-services';
import { importMail } from '../../../src/cli/import-command';
import { reconcile } from '../../../src/cli/reconcile-command';
import { saveCheckpoint } from '../../../src/db/repos/mailbox-state';
import { createMetrics } from '../../../src/metrics';
import { captureLogger } from '../../helpers/test-logger';
import { type EmailEnv, idOf, startEmailEnv, storedIdentities } from './email-test-env';
import { mail } from './mail-fixtures';

jest.setTimeout(60_000);

const MBOX = path.join(__dirname, '../../fixtures/email/mbox-bounces.mbox');

let env: EmailEnv | null = null;
let tmp: string | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

function services(e: EmailEnv): CliServices {
  return {
    config: e.config,
    logger: captureLogger().logger,
    db: e.tdb.db,
    redis: null as never, // not used by import or reconcile
    queues: e.queues,
    channels: e.channels,
    metrics: createMetrics(),
    close: async () => {},
  };
}

describe('mbox splitting', () => {
  const cases = [
    {
      label: 'From_ lines separate messages; >From is unquoted one level',
      mbox: 'From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\n>From here\nFrom inside a line\n\nFrom c@d Mon Jan  1 00:00:00 2024\nSubject: 2\n\n>>From deeper\n',
      expected: ['Subject: 1\n\nFrom here\nFrom inside a line\n', 'Subject: 2\n\n>From deeper\n'],
    },
    {
      label: 'a "From " line not after a blank line is body text',
      mbox: 'From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\nline\nFrom the office\n',
      expected: ['Subject: 1\n\nline\nFrom the office\n'],
    },
  ];
  test.each(cases)('$label', async ({ mbox, expected }) => {
    const out: string[] = [];
    // Chunks of 7 bytes: a separator split across chunks must still be found.
    const chunks = mbox.match(/[\s\S]{1,7}/g)!.map((c) => Buffer.from(c));
    for await (const m of splitMbox(Readable.from(chunks))) out.push(m.toString());
    expect(out).toEqual(expected);
  });
});

test('importing a real mbox stores each message once, bounces as auto_reply; importing it again creates nothing', async () => {
  env = await startEmailEnv();
  const first = await importMail(services(env), MBOX, { wait: true });
  expect(first.messages).toBeGreaterThan(30);
  expect(first).toMatchObject({ files: 1, alreadyStored: 0, pending: 0 });
  expect(first.processed + first.unreadable).toBe(first.messages);
  const count = await env.rawCount();
  expect(count).toBe(first.messages);
  // Every bounce is auto_reply; the one mail in it that a person forwarded ("Fwd: Returned mail") is not.
  const people = await env.tdb.db
    .selectFrom('raw_messages')
    .select(['subject', 'kind'])
    .where('kind', '!=', 'auto_reply')
    .execute();
  expect(people).toEqual([{ subject: 'Fwd: Returned mail: see transcript for details', kind: 'report' }]);
  expect(await env.tdb.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);

  const again = await importMail(services(env), MBOX, { wait: true });
  expect(again).toMatchObject({ alreadyStored: first.messages, pending: 0 });
  expect(await env.rawCount()).toBe(count);
});

test('messages a running service stores while the import is still reading do not count as stored before', async () => {
  env = await startEmailEnv();
  const e = env;
  const queued = new Set<string>();
  // As fast as a service gets: each batch is stored before the import reads the next one.
  const eager: CliServices = {
    ...services(e),
    queues: Object.assign(Object.create(e.queues) as typeof e.queues, {
      async addInboundBulk(batch: Parameters<typeof e.queues.addInboundBulk>[0]) {
        await e.queues.addInboundBulk(batch);
        for (const raw of batch) queued.add(raw.externalId);
        await e.waitForRaw(queued.size);
      },
    }),
  };
  const summary = await importMail(eager, MBOX, { wait: true });
  expect(summary.messages).toBe(await e.rawCount());
  expect(summary).toMatchObject({ alreadyStored: 0, pending: 0 });
});

test('importing mail that IMAP already fetched creates nothing new (a folder of .eml files)', async () => {
  env = await startEmailEnv();
  const mails = [
    mail(),
    mail(),
    mail({ headers: { 'Message-ID': '' }, body: 'tanpa message-id: ada demo di Kel. Lagaligo' }),
  ];
  await env.dovecot.deliver(mails);
  await env.startIngest();
  await env.waitForRaw(3);
  const stored = await storedIdentities(env);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'halo-import-'));
  // As a mail client saves them: LF line ends (the hash identity of the one without Message-ID must still match).
  for (const [i, m] of mails.entries()) writeFileSync(path.join(tmp, `${i}.eml`), m.replace(/\r\n/g, '\n'));
  const summary = await importMail(services(env), tmp, { wait: true });
  expect(summary).toMatchObject({ files: 3, messages: 3, alreadyStored: 3, pending: 0 });
  expect(await storedIdentities(env)).toEqual(stored);
  expect(stored).toContain(idOf(mails[0]!));
});

test('reconcile queues what the mailbox holds but was never stored, and nothing the second time', async () => {
  env = await startEmailEnv();
  const mails = [mail(), mail(), mail()];
  await env.dovecot.deliver(mails);
  // As if a sync had moved the checkpoint past these and their jobs were then lost.
  const c = await env.dovecot.client();
  const status = await c.status('INBOX', { uidValidity: true });
  await c.logout();
  await saveCheckpoint(env.tdb.db, 'INBOX', { uidValidity: status ? String(status.uidValidity) : '', lastUid: 3 });
  const printed: string[] = [];
  expect(await reconcile(services(env), { all: false }, (l) => printed.push(l))).toBe(0);
  expect(JSON.parse(printed[0]!)).toMatchObject({ mailbox: 'INBOX', listed: 3, missing: 3, queued: 3 });
  await env.waitForRaw(3);
  expect(await storedIdentities(env)).toEqual(mails.map(idOf).sort());
  await reconcile(services(env), { all: true }, (l) => printed.push(l));
  expect(JSON.parse(printed[1]!)).toMatchObject({ listed: 3, missing: 0, queued: 0 });
});

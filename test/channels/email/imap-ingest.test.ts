/**
 * IMAP ingestion against a private Dovecot: every case ends with each delivered mail stored exactly once.
 */
import { getCheckpoint } from '../../../src/db/repos/mailbox-state';
import { waitFor } from '../../helpers/wait-for';
import { startCuttingProxy } from './cutting-proxy';
import { type EmailEnv, idOf, startEmailEnv, storedIdentities } from './email-test-env';
import { mail, parserBreakingMail } from './mail-fixtures';

// A backstop only: the waits fail when ingestion stops moving; hundreds of mails on a loaded machine take minutes.
jest.setTimeout(180_000);

let env: EmailEnv | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const many = (n: number, size = 0) =>
  Array.from({ length: n }, (_, i) =>
    mail({ body: `Laporan nomor ${i}: ada tawuran di Kel. Ponjalae.\n${'x'.repeat(size)}` }),
  );

test('new mail that arrives while IDLE is stored within seconds, once', async () => {
  env = await startEmailEnv();
  const first = many(3);
  await env.dovecot.deliver(first);
  await env.startIngest();
  await env.waitForRaw(3);
  await waitFor(() => env!.status.mailboxes()[0]?.state === 'idle', { what: 'idle' });
  const later = many(2);
  await env.dovecot.deliver(later);
  await env.waitForRaw(5);
  expect(await storedIdentities(env)).toEqual([...first, ...later].map(idOf).sort());
  const checkpoint = await getCheckpoint(env.tdb.db, 'INBOX');
  expect(checkpoint?.lastUid).toBe(5);
  expect(env.status.mailboxes()[0]).toMatchObject({ name: 'INBOX', backlog: 0, lastError: null });
  const incidents = await env.tdb.db.selectFrom('incidents').select('id').execute();
  expect(incidents).toHaveLength(5);
});

test('new mail is found while resync rounds every 200 ms keep the connection busy', async () => {
  env = await startEmailEnv();
  await env.dovecot.deliver(many(1));
  // Each round asks the server (NOOP) what arrived since, instead of trusting the counts it had when it selected
  // the mailbox (the mover's 200 ms rounds under load once waited here for an IDLE that kept being postponed).
  await env.startIngest({ resyncIntervalMs: 200 });
  await env.waitForRaw(1);
  const later = many(2);
  await env.dovecot.deliver(later);
  await env.waitForRaw(3);
  expect((await getCheckpoint(env.tdb.db, 'INBOX'))?.lastUid).toBe(3);
});

test('a backlog is read no faster than the workers take it: the sync waits while the queue is full', async () => {
  env = await startEmailEnv();
  const mails = many(40);
  await env.dovecot.deliver(mails);
  await env.queues.inbound.pause(); // no worker takes anything
  await env.startIngest({ batchSize: 5, maxWaiting: 10 });
  await waitFor(async () => ((await getCheckpoint(env!.tdb.db, 'INBOX'))?.lastUid ?? 0) >= 10, {
    what: 'the first batches queued',
  });
  // Past the limit the sync waits: no further batch is downloaded or queued, the checkpoint stays.
  await new Promise((r) => setTimeout(r, 1000));
  const waiting = await env.queues.inboundWaiting();
  expect(waiting).toBeGreaterThanOrEqual(10);
  expect(waiting).toBeLessThan(15);
  expect((await getCheckpoint(env.tdb.db, 'INBOX'))?.lastUid).toBe(waiting);
  expect(env.status.mailboxes()[0]).toMatchObject({ state: 'syncing', backlog: 40 - waiting });
  await env.queues.inbound.resume();
  await env.waitForRaw(40);
  expect(await storedIdentities(env)).toEqual(mails.map(idOf).sort());
  expect((await getCheckpoint(env.tdb.db, 'INBOX'))?.lastUid).toBe(40);
});

test('the connection cut in the middle of a fetch: reconnect, continue, nothing lost or doubled', async () => {
  env = await startEmailEnv();
  const mails = many(120, 20_000);
  await env.dovecot.deliver(mails);
  // Cut after about a third of the mailbox went over the wire: inside a FETCH of message sources.
  const proxy = await startCuttingProxy(env.dovecot.port, 800_000);
  try {
    await env.startIngest({ batchSize: 10, port: proxy.port });
    await env.waitForRaw(120);
    expect(proxy.cutAt).not.toBeNull();
    expect(env.logLines.some((l) => l.includes('imap: mailbox error'))).toBe(true);
    expect(await storedIdentities(env)).toEqual(mails.map(idOf).sort());
    expect((await getCheckpoint(env.tdb.db, 'INBOX'))?.lastUid).toBe(120);
  } finally {
    await proxy.close();
  }
});

test('the server crashes mid-sync and restarts: the mailbox is down, then catches up', async () => {
  env = await startEmailEnv();
  const before = many(200, 10_000);
  await env.dovecot.deliver(before);
  await env.startIngest({ batchSize: 5 });
  await waitFor(async () => ((await getCheckpoint(env!.tdb.db, 'INBOX'))?.lastUid ?? 0) > 0, { what: 'first batch' });
  await env.dovecot.kill();
  await waitFor(() => env!.status.mailboxes()[0]?.state === 'down', { what: 'mailbox down' });
  expect(env.status.mailboxes()[0]?.lastError).toBeTruthy();
  await env.dovecot.start();
  const after = many(3);
  await env.dovecot.deliver(after);
  await env.waitForRaw(203);
  await waitFor(() => env!.status.mailboxes()[0]?.state === 'idle', { what: 'idle again' });
  expect(await storedIdentities(env)).toEqual([...before, ...after].map(idOf).sort());
});

test('UIDVALIDITY changes (mailbox deleted and recreated): resync by Message-ID, no blind re-import', async () => {
  env = await startEmailEnv({}, { mailbox: 'Laporan' });
  const setup = await env.dovecot.client();
  await setup.mailboxCreate('Laporan');
  await setup.logout();
  const old = many(4);
  await env.dovecot.deliver(old, 'Laporan');
  let stop = await env.startIngest();
  await env.waitForRaw(4);
  const before = await getCheckpoint(env.tdb.db, 'Laporan');
  await stop();

  const c = await env.dovecot.client();
  await c.mailboxDelete('Laporan');
  // No pause needed: Dovecot gives a recreated mailbox a UIDVALIDITY above every one it gave before, even within the
  // same second (a counter kept beside the mail), and the expectation below would say so if it did not.
  await c.mailboxCreate('Laporan');
  await c.logout();
  const fresh = many(2);
  await env.dovecot.deliver([...old, ...fresh], 'Laporan');

  stop = await env.startIngest();
  await env.waitForRaw(6);
  const after = await getCheckpoint(env.tdb.db, 'Laporan');
  expect(after?.uidValidity).not.toBe(before?.uidValidity);
  expect(after?.lastUid).toBe(6);
  expect(await storedIdentities(env)).toEqual([...old, ...fresh].map(idOf).sort());
  const synced = env.logLines
    .map((l) => JSON.parse(l))
    .find((l) => l.msg === 'imap: mailbox synced' && l.mode === 'resync');
  // The four already stored were recognised by their Message-ID and not even downloaded again.
  expect(synced).toMatchObject({ skipped: 4, queued: 2 });
});

test('a message over MAX_EMAIL_BYTES is recorded from its headers, never downloaded whole', async () => {
  env = await startEmailEnv({ MAX_EMAIL_BYTES: '50000' });
  const big = mail({
    headers: { Subject: 'Foto kejadian' },
    multipart: [
      { type: 'text/plain', body: 'lihat foto' },
      { type: 'image/jpeg', filename: 'besar.jpg', content: Buffer.alloc(120_000, 7) },
    ],
  });
  const small = mail({ body: 'Ada demo di depan kantor walikota.' });
  await env.dovecot.deliver([big, small]);
  await env.startIngest();
  await env.waitForRaw(2);
  const row = await env.tdb.db
    .selectFrom('raw_messages')
    .selectAll()
    .where('external_id', '=', idOf(big))
    .executeTakeFirstOrThrow();
  expect(row.raw_source).toBeNull();
  expect(row.size_bytes).toBeGreaterThan(120_000);
  expect((row.payload as { tooLarge?: { headers: string } }).tooLarge?.headers).toMatch(/Subject: Foto kejadian/);
  const thread = await env.tdb.db
    .selectFrom('incident_messages')
    .select('body')
    .where('raw_message_id', '=', row.id)
    .executeTakeFirstOrThrow();
  expect(thread.body).toMatch(/terlalu besar/);
  expect(await storedIdentities(env)).toEqual([big, small].map(idOf).sort());
});

test('a 30 MB message against the default 25 MB cap is recorded from its headers', async () => {
  env = await startEmailEnv();
  const huge = mail({
    multipart: [
      { type: 'text/plain', body: 'video kejadian' },
      { type: 'video/mp4', filename: 'video.mp4', content: Buffer.alloc(22 * 1024 * 1024, 1) },
    ],
  });
  expect(Buffer.byteLength(huge)).toBeGreaterThan(30 * 1000 * 1000);
  await env.dovecot.deliver(huge);
  await env.startIngest();
  await env.waitForRaw(1);
  const row = await env.tdb.db.selectFrom('raw_messages').selectAll().executeTakeFirstOrThrow();
  expect(row.external_id).toBe(idOf(huge));
  expect(row.raw_source).toBeNull();
  expect(row.size_bytes).toBeGreaterThan(25 * 1024 * 1024);
});

test('a message that breaks the parser is stored raw as unreadable and the mailbox keeps flowing', async () => {
  env = await startEmailEnv();
  const broken = parserBreakingMail('broken@x');
  const fine = mail();
  await env.dovecot.deliver([broken, fine]);
  await env.startIngest();
  await env.waitForRaw(2);
  const rows = await env.tdb.db.selectFrom('raw_messages').selectAll().orderBy('id').execute();
  const bad = rows.find((r) => r.external_id === 'broken@x')!;
  expect(bad).toMatchObject({ state: 'unreadable', error: expect.stringMatching(/^email-parse: /) });
  expect(bad.raw_source?.length).toBeGreaterThan(1000);
  expect(rows.find((r) => r.external_id === idOf(fine))?.state).toBe('processed');
});

test('first start fetches only the backfill window; older mail stays in the mailbox', async () => {
  env = await startEmailEnv();
  const c = await env.dovecot.client();
  const old = mail({ body: 'laporan lama' });
  await c.append('INBOX', old, [], new Date(Date.now() - 30 * 86_400_000));
  await c.logout();
  const recent = many(2);
  await env.dovecot.deliver(recent);
  await env.startIngest();
  await env.waitForRaw(2);
  expect(await storedIdentities(env)).toEqual(recent.map(idOf).sort());
  expect((await getCheckpoint(env.tdb.db, 'INBOX'))?.lastUid).toBe(3);
});

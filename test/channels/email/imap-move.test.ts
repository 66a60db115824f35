/**
 * What the ingester does to the office's mailbox: nothing by default (read-only, not even \Seen), and with
 * IMAP_PROCESSED_FOLDER, a move of each message once its processing is committed, never before.
 */
import { buildRawEmail } from '../../../src/channels/email/raw-email';
import { getCheckpoint } from '../../../src/db/repos/mailbox-state';
import { storeRawMessage } from '../../../src/db/repos/raw-messages';
import { waitFor } from '../../helpers/wait-for';
import { type EmailEnv, idOf, startEmailEnv, storedIdentities } from './email-test-env';
import { mail, parserBreakingMail } from './mail-fixtures';

jest.setTimeout(60_000);

const FOLDER = 'Diproses';

let env: EmailEnv | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const reports = (n: number) =>
  Array.from({ length: n }, (_, i) => mail({ body: `Laporan ${i}: ada keributan di Kel. Lagaligo.` }));

/** Message-IDs (without brackets) and flags of what a folder holds, as the office's mail client would see it. */
async function folderContents(e: EmailEnv, folder: string): Promise<Array<{ id: string; seen: boolean }>> {
  const c = await e.dovecot.client();
  try {
    const lock = await c.getMailboxLock(folder, { readOnly: true });
    const out: Array<{ id: string; seen: boolean }> = [];
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return out;
      for await (const m of c.fetch('1:*', { envelope: true, flags: true })) {
        out.push({ id: (m.envelope?.messageId ?? '').replace(/^<|>$/g, ''), seen: m.flags?.has('\\Seen') ?? false });
      }
    } finally {
      lock.release();
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await c.logout();
  }
}

async function folders(e: EmailEnv): Promise<string[]> {
  const c = await e.dovecot.client();
  try {
    return (await c.list()).map((f) => f.path).sort();
  } finally {
    await c.logout();
  }
}

/** Resolves once the ingester has finished `n` more sync rounds (each ends with its move when a folder is set). */
async function syncRounds(e: EmailEnv, n: number): Promise<void> {
  let seen = e.status.mailboxes()[0]?.lastSyncAt ?? null;
  for (let i = 0; i < n; i += 1) {
    await waitFor(() => (e.status.mailboxes()[0]?.lastSyncAt ?? null) !== seen, { what: 'another sync round' });
    seen = e.status.mailboxes()[0]?.lastSyncAt ?? null;
  }
}

test('by default the mailbox is left as it was: every message stays, unread', async () => {
  env = await startEmailEnv();
  const mails = reports(2);
  await env.dovecot.deliver(mails);
  await env.startIngest();
  await env.waitForRaw(2);
  expect(await folderContents(env, 'INBOX')).toEqual(mails.map((m) => ({ id: idOf(m), seen: false })).sort(byId));
  expect(await folders(env)).toEqual(['INBOX']);
});

test('with IMAP_PROCESSED_FOLDER, mail leaves the mailbox once its incident is committed, never before', async () => {
  env = await startEmailEnv({ IMAP_PROCESSED_FOLDER: FOLDER });
  const e = env;
  // No worker may store anything yet: the messages are queued, not committed.
  await e.queues.inbound.pause();
  const first = reports(3);
  await e.dovecot.deliver(first);
  await e.startIngest({ moveIntervalMs: 200 });
  const checkpoint = await waitFor(
    async () => {
      const cp = await getCheckpoint(e.tdb.db, 'INBOX');
      return cp?.lastUid === 3 ? cp : null;
    },
    { what: 'the batch queued' },
  );
  // As a worker leaves them mid-way or between retries: the raw record stored, its processing not committed.
  for (const [i, source] of first.entries()) {
    const mailbox = { name: 'INBOX', uidValidity: String(checkpoint.uidValidity), uid: i + 1 };
    await storeRawMessage(e.tdb.db, buildRawEmail({ provider: 'imap', source: Buffer.from(source), mailbox }));
  }
  await syncRounds(e, 3);
  expect((await e.tdb.db.selectFrom('raw_messages').select('state').execute()).map((r) => r.state)).toEqual([
    'received',
    'received',
    'received',
  ]);
  expect((await folderContents(e, 'INBOX')).map((m) => m.id)).toEqual(first.map(idOf).sort());
  // Rounds with nothing committed never touched the server beyond the sync: the folder is not even created.
  expect(await folders(e)).toEqual(['INBOX']);

  await e.queues.inbound.resume();
  await e.waitForRaw(3);
  await waitFor(async () => (await folderContents(e, FOLDER)).length === 3, { what: 'three messages moved' });
  expect(await folderContents(e, 'INBOX')).toEqual([]);
  expect((await folderContents(e, FOLDER)).map((m) => m.id)).toEqual(first.map(idOf).sort());
  // Each is marked moved once the server confirmed the MOVE, a moment after the folder shows it: wait, not race.
  await waitFor(async () => (await movedMarks(e)).every((moved) => moved), { what: 'the three marked moved' });

  // New mail after the move is stored once and follows; the moved mail is never fetched again.
  const later = reports(1);
  await e.dovecot.deliver(later);
  await e.waitForRaw(4);
  await waitFor(async () => (await folderContents(e, FOLDER)).length === 4, { what: 'the fourth moved' });
  expect(await storedIdentities(e)).toEqual([...first, ...later].map(idOf).sort());
  expect(await e.tdb.db.selectFrom('incidents').select('id').execute()).toHaveLength(4);
  expect(e.status.mailboxes()[0]).toMatchObject({ lastError: null });
});

test('a message the parser refuses is moved too (its unreadable record is committed); the rest follows', async () => {
  env = await startEmailEnv({ IMAP_PROCESSED_FOLDER: FOLDER });
  const e = env;
  const fine = reports(1)[0]!;
  await e.dovecot.deliver([parserBreakingMail('broken@x'), fine]);
  await e.startIngest({ moveIntervalMs: 200 });
  await e.waitForRaw(2);
  await waitFor(async () => (await folderContents(e, FOLDER)).length === 2, { what: 'both moved' });
  expect(await folderContents(e, 'INBOX')).toEqual([]);
  const states = await e.tdb.db.selectFrom('raw_messages').select('state').orderBy('state').execute();
  expect(states.map((r) => r.state)).toEqual(['processed', 'unreadable']);
});

test('mail that arrives while rounds are asked for faster than they finish is still fetched', async () => {
  // A 1 ms mover timer asks for a round during every round, as a loaded machine does with a longer one: the sync
  // loop never pauses. It used to count its connection as not yet selected until the loop ended, and kept asking
  // STATUS of the mailbox it had selected, which the server answers from the connection's stale view.
  env = await startEmailEnv({ IMAP_PROCESSED_FOLDER: FOLDER });
  const e = env;
  const [first, later] = reports(2) as [string, string];
  await e.dovecot.deliver(first);
  await e.startIngest({ moveIntervalMs: 1 });
  await e.waitForRaw(1);
  await waitFor(async () => (await folderContents(e, FOLDER)).length === 1, { what: 'the first moved' });
  await e.dovecot.deliver(later);
  await e.waitForRaw(2);
  expect(await storedIdentities(e)).toEqual([first, later].map(idOf).sort());
});

/** Whether each stored message is recorded as moved. */
async function movedMarks(e: EmailEnv): Promise<boolean[]> {
  const rows = await e.tdb.db.selectFrom('raw_messages').select('moved_at').execute();
  return rows.map((r) => r.moved_at !== null);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}

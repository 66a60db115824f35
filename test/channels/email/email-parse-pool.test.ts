/**
 * Email is parsed in worker threads with a time limit (src/channels/email/email-parse-pool.ts): hostile mail is
 * parsed or rejected with a reason, the thread that overran is replaced, and the main thread (which answers the
 * webhooks in the all-in-one process) keeps running throughout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  createEmailParsePool,
  EMAIL_PARSE_TIMEOUT_MS,
  type EmailParsePool,
} from '../../../src/channels/email/email-parse-pool';
import { buildRawEmail } from '../../../src/channels/email/raw-email';
import { UnreadableMessageError } from '../../../src/core/prepared-message';
import { normalize } from '../../../src/normalize';
import { loadGazetteer } from '../../../src/normalize/gazetteer-loader';
import { deepHtml, HOSTILE_MAIL } from './hostile-mail';
import { mail } from './mail-fixtures';

jest.setTimeout(60_000);

const CAPS = { perFile: 5 * 1024 * 1024, perMessage: 20 * 1024 * 1024 };
const raw = (source: string) => buildRawEmail({ provider: 'imap', source: Buffer.from(source) });
const outcome = (p: Promise<{ body: string }>) =>
  p.then(
    (r) => ({ parsed: r.body }),
    (err: Error) => ({ unreadable: err instanceof UnreadableMessageError, reason: err.message }),
  );

let pool: EmailParsePool;
beforeEach(() => {
  pool = createEmailParsePool();
});
afterEach(() => pool.close());

test('an ordinary message comes back whole, attachments as Buffers', async () => {
  const photo = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
  const source = mail({
    multipart: [
      { type: 'text/plain', body: 'Ada tawuran di Kel. Benteng.' },
      { type: 'image/jpeg', filename: 'foto.jpg', content: photo },
    ],
  });
  const prepared = await pool.prepare(raw(source), CAPS);
  expect(prepared.body).toBe('Ada tawuran di Kel. Benteng.');
  expect(prepared.attachments).toHaveLength(1);
  expect(Buffer.isBuffer(prepared.attachments[0]?.content)).toBe(true);
  expect(prepared.attachments[0]?.content?.equals(photo)).toBe(true);
});

test('given the region and time zone, the thread also reads the message, as the processor would', async () => {
  const source = mail({ body: 'Tadi malam jam 9 ada tawuran pemuda di Kel. Ponjalae RT 02 RW 03, dua orang luka.' });
  const { normalized, ...prepared } = await pool.prepare(raw(source), CAPS, {
    regionCode: '73.73',
    timezone: 'Asia/Makassar',
  });
  expect(normalized).toMatchObject({
    kind: 'report',
    category: 'konflik_sosial',
    location: { kelurahan: 'Ponjalae', rt: '2', rw: '3' },
  });
  expect(normalized).toEqual(
    normalize(prepared.input, { gazetteer: loadGazetteer('73.73'), timezone: 'Asia/Makassar' }),
  );
  // Without them the thread only parses; the processor reads on its own thread.
  expect((await pool.prepare(raw(source), CAPS)).normalized).toBeUndefined();
});

test.each(HOSTILE_MAIL)('%s: parsed, or unreadable with a reason', async (_label, build) => {
  const result = await outcome(pool.prepare(raw(build()), CAPS));
  if ('parsed' in result) expect(result.parsed).toContain('tawuran');
  else {
    expect(result.unreadable).toBe(true);
    expect(result.reason).toMatch(/^email-parse/);
  }
});

test('a message that holds its thread past the limit is unreadable, and the next one is parsed', async () => {
  const slow = await outcome(pool.prepare(raw(deepHtml(100_000)), CAPS));
  expect(slow).toEqual({
    unreadable: true,
    reason: `email-parse-timeout: parsing took longer than ${EMAIL_PARSE_TIMEOUT_MS} ms`,
  });
  const next = await pool.prepare(raw(mail({ body: 'Kebakaran di Kel. Songka.' })), CAPS);
  expect(next.body).toBe('Kebakaran di Kel. Songka.');
});

test('while the threads chew on all of it, an HTTP server on the main thread answers throughout', async () => {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const sources = [...HOSTILE_MAIL.map(([, build]) => build()), deepHtml(100_000)];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    delay.enable();
    let answered = 0;
    let parsing = true;
    const pinging = (async () => {
      while (parsing) {
        if ((await (await fetch(url)).text()) === 'ok') answered++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = Date.now();
    const results = await Promise.all(sources.map((s) => outcome(pool.prepare(raw(s), CAPS))));
    const parseMs = Date.now() - started;
    parsing = false;
    await pinging;
    delay.disable();
    expect(results).toHaveLength(sources.length);
    // The slowest of these takes seconds of synchronous work when run on the main thread (deepHtml(50,000)
    // alone: about 5 s on the 2-core CI machine). Off the main thread, the loop never stalls for long, and
    // requests are answered the whole time the threads are busy.
    expect(parseMs).toBeGreaterThan(EMAIL_PARSE_TIMEOUT_MS);
    // Below the parse limit (2 s), far below the seconds one parse would stall it; loose enough for a loaded machine.
    expect(delay.max / 1e6).toBeLessThan(EMAIL_PARSE_TIMEOUT_MS / 2);
    expect(answered).toBeGreaterThan(parseMs / 200);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('closing the pool refuses what is in progress or waiting (to be retried, not unreadable), and later calls', async () => {
  // Warm both threads first, so that two of the three slow messages are being parsed when the pool closes.
  await Promise.all([1, 2].map(() => pool.prepare(raw(mail()), CAPS)));
  const busy = [1, 2, 3].map(() => outcome(pool.prepare(raw(deepHtml(100_000)), CAPS)));
  await new Promise((r) => setTimeout(r, 300));
  await pool.close();
  for (const r of await Promise.all(busy)) {
    expect(r).toEqual({ unreadable: false, reason: 'email parse pool is closed' });
  }
  await expect(pool.prepare(raw(mail()), CAPS)).rejects.toThrow('email parse pool is closed');
});

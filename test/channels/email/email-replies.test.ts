/**
 * Answers by SMTP (a loopback smtp-server stands in for the relay): acknowledgements carry the reference code and
 * thread headers, say they are automatic, never go to machines or lists; a reporter's reply to one, by its
 * Message-ID alone, joins the same incident. Mail read through IMAP keeps its HTML, charsets and attachments.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { threadHasEmailMessageId } from '../../../src/db/repos/email-threads';
import { upsertUser } from '../../../src/db/repos/users';
import { replyToReporter } from '../../../src/workspace/incident-replies';
import { freePort } from '../../helpers/free-port';
import { captureLogger } from '../../helpers/test-logger';
import { waitFor } from '../../helpers/wait-for';
import { type EmailEnv, idOf, startEmailEnv } from './email-test-env';
import { mail } from './mail-fixtures';

jest.setTimeout(60_000);

interface Received {
  to: string[];
  source: string;
}

let env: EmailEnv | null = null;
let smtp: SMTPServer | null = null;
const received: Received[] = [];

beforeEach(async () => {
  received.length = 0;
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), source: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(port, '127.0.0.1', resolve));
  env = await startEmailEnv({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Kesbangpol Palopo <lapor@kesbang.example>',
  });
});

afterEach(async () => {
  await env?.close();
  env = null;
  await new Promise((r) => smtp!.close(() => r(null)));
});

/** Waits until the outbox has nothing left to send. */
async function outboxSettled(e: EmailEnv): Promise<Array<{ to_address: string; state: string; purpose: string }>> {
  return waitFor(
    async () => {
      const rows = await e.tdb.db.selectFrom('outbound_messages').select(['to_address', 'state', 'purpose']).execute();
      return rows.every((r) => r.state !== 'pending') ? rows : null;
    },
    { what: 'outbox settled' },
  );
}

test('an acknowledgement carries the code, the thread headers and Auto-Submitted; the reply to it joins the incident', async () => {
  const report = mail({
    headers: { From: 'Pak RT <rt02@example.org>', Subject: 'Tawuran di Ponjalae' },
    body: 'Ada tawuran di Kel. Ponjalae sekarang, mohon bantuan.',
  });
  await env!.dovecot.deliver(report);
  await env!.startIngest();
  await waitFor(() => received.length === 1, { what: 'acknowledgement' });
  const incident = await env!.tdb.db.selectFrom('incidents').selectAll().executeTakeFirstOrThrow();
  const ack = await simpleParser(received[0]!.source);
  expect(received[0]!.to).toEqual(['rt02@example.org']);
  expect(ack.subject).toContain(`[${incident.reference}]`);
  expect(ack.inReplyTo).toBe(`<${idOf(report)}>`);
  expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
  expect(ack.text).toContain(incident.reference);

  // The relay has the mail a moment before the transport records its Message-ID on the thread; a person's reply
  // comes later than that.
  await waitFor(async () => (await threadHasEmailMessageId(env!.tdb.db, ack.messageId!.replace(/[<>]/g, ''))) || null, {
    what: "the acknowledgement's Message-ID on the thread",
  });
  // The reply names no code: only its In-Reply-To ties it to our acknowledgement's Message-ID.
  const reply = mail({
    headers: { From: 'Pak RT <rt02@example.org>', Subject: 'Re: laporan', 'In-Reply-To': ack.messageId! },
    body: 'Sekarang massa sudah bubar.\n\nPada Sen, 3 Jun 2024 Kesbangpol menulis:\n> Terima kasih',
  });
  await env!.dovecot.deliver(reply);
  await waitFor(
    async () => {
      const rows = await env!.tdb.db.selectFrom('incident_messages').select(['incident_id', 'direction']).execute();
      return rows.filter((r) => r.direction === 'in').length === 2 ? rows : null;
    },
    { what: 'reply threaded' },
  );
  const incidents = await env!.tdb.db.selectFrom('incidents').select(['id', 'message_count']).execute();
  expect(incidents).toHaveLength(1);
  const thread = await env!.tdb.db
    .selectFrom('incident_messages')
    .select(['direction', 'email_message_id'])
    .where('incident_id', '=', incidents[0]!.id)
    .orderBy('id')
    .execute();
  expect(thread.map((m) => m.direction).sort()).toEqual(['in', 'in', 'out']);
  expect(thread.find((m) => m.direction === 'out')?.email_message_id).toBe(ack.messageId!.replace(/[<>]/g, ''));
  // Nothing more was sent: the reply is neither a new report nor a status question.
  await outboxSettled(env!);
  expect(received).toHaveLength(1);
});

test('a staff reply by email is one thread message under the Message-ID sent; the answer to it joins the incident', async () => {
  await env!.dovecot.deliver(
    mail({
      headers: { From: 'Bu Lurah <lurah.songka@example.org>', Subject: 'Banjir di Songka' },
      body: 'Banjir setinggi lutut di Kelurahan Songka sejak subuh.',
    }),
  );
  await env!.startIngest();
  await waitFor(() => received.length === 1, { what: 'acknowledgement' });
  const incident = await env!.tdb.db.selectFrom('incidents').selectAll().executeTakeFirstOrThrow();
  const { user } = await upsertUser(env!.tdb.db, { email: 'op@kesbang.example', role: 'operator', passwordHash: 'x' });
  await replyToReporter(
    { db: env!.tdb.db, queues: env!.queues, logger: captureLogger().logger },
    incident.id,
    'Tim BPBD sudah menuju lokasi.',
    user,
  );
  await waitFor(() => received.length === 2, { what: 'staff reply' });
  const sent = await simpleParser(received[1]!.source);
  expect(sent.subject).toContain(`[${incident.reference}]`);
  // The relay has the mail before the transport's send returns and records the Message-ID on the thread message.
  const out = await waitFor(
    async () => {
      const rows = await env!.tdb.db
        .selectFrom('incident_messages')
        .select(['body', 'email_message_id'])
        .where('incident_id', '=', incident.id)
        .where('body', '=', 'Tim BPBD sudah menuju lokasi.')
        .execute();
      return rows.length > 0 && rows.every((r) => r.email_message_id !== null) && rows;
    },
    { what: "the staff reply's Message-ID on its thread message" },
  );
  expect(out).toEqual([
    { body: 'Tim BPBD sudah menuju lokasi.', email_message_id: sent.messageId!.replace(/[<>]/g, '') },
  ]);

  await env!.dovecot.deliver(
    mail({
      headers: { From: 'Bu Lurah <lurah.songka@example.org>', Subject: 'Re: bantuan', 'In-Reply-To': sent.messageId! },
      body: 'Terima kasih, tim sudah tiba.',
    }),
  );
  await waitFor(
    async () => {
      const rows = await env!.tdb.db
        .selectFrom('incident_messages')
        .select('id')
        .where('incident_id', '=', incident.id)
        .where('direction', '=', 'in')
        .execute();
      return rows.length === 2;
    },
    { what: 'answer threaded' },
  );
  expect(await env!.tdb.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
});

test('a reply quoting "[HK-…]" in the subject joins that incident', async () => {
  await env!.dovecot.deliver(
    mail({ headers: { From: 'warga1@example.org' }, body: 'Ada pesta miras di Kel. Lagaligo malam ini.' }),
  );
  await env!.startIngest();
  await waitFor(() => received.length === 1, { what: 'acknowledgement' });
  const { reference } = await env!.tdb.db.selectFrom('incidents').select('reference').executeTakeFirstOrThrow();
  await env!.dovecot.deliver(
    mail({
      headers: { From: 'warga1@example.org', Subject: `Re: [${reference}] Laporan Anda` },
      body: 'Tambahan: pelakunya sekitar 10 orang.',
    }),
  );
  await env!.waitForRaw(2);
  expect(await env!.tdb.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
});

test('never an acknowledgement to auto-replies, bounces or mailing-list mail; list mail is still read', async () => {
  const cases = [
    mail({
      headers: { From: 'cuti@example.org', 'Auto-Submitted': 'auto-replied', Subject: 'Out of office' },
      body: 'Saya sedang cuti.',
    }),
    mail({
      headers: {
        From: 'MAILER-DAEMON@example.org',
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary=x',
      },
      body: '--x\r\nContent-Type: text/plain\r\n\r\nundeliverable\r\n--x--',
    }),
    mail({
      headers: { From: 'milis@example.org', 'List-Id': '<warga.example.org>', Precedence: 'list' },
      body: 'Ada tawuran di Kel. Ponjalae tadi malam, dua orang luka.',
    }),
    mail({
      headers: { From: 'exchange@example.org', 'X-Auto-Response-Suppress': 'All' },
      body: 'Ada demo di depan kantor walikota besok pagi.',
    }),
    mail({ headers: { From: 'warga2@example.org' }, body: 'Ada balap liar di Jl. Andi Djemma setiap malam.' }),
  ];
  await env!.dovecot.deliver(cases);
  await env!.startIngest();
  await env!.waitForRaw(5);
  const rows = await outboxSettled(env!);
  // Only the ordinary reporter is acknowledged; the list and Exchange mails are incidents without an answer.
  expect(rows.map((r) => r.to_address)).toEqual(['warga2@example.org']);
  await waitFor(() => received.length === 1, { what: 'one acknowledgement' });
  expect(received[0]!.to).toEqual(['warga2@example.org']);
  const kinds = await env!.tdb.db.selectFrom('raw_messages').select(['from_address', 'kind']).orderBy('id').execute();
  expect(kinds.filter((k) => k.kind === 'auto_reply')).toHaveLength(2);
  expect(await env!.tdb.db.selectFrom('incidents').select('id').execute()).toHaveLength(3);
});

test('through IMAP: HTML-only mail, charsets and attachments land in the thread', async () => {
  const html = mail({
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<p>Ada <b>demo</b> di Kel. Lagaligo</p><img src="http://track.example/x.gif"><script>x()</script>',
  });
  const latin = mail({
    headers: { 'Content-Type': 'text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding': 'quoted-printable' },
    body: 'Kebakaran di caf=E9 Jl. Ratulangi',
  });
  const photo = mail({
    multipart: [
      { type: 'text/plain', body: 'Foto tawuran di Kel. Ponjalae' },
      { type: 'image/jpeg', filename: 'tawuran.jpg', content: Buffer.alloc(3000, 9) },
    ],
  });
  await env!.dovecot.deliver([html, latin, photo]);
  await env!.startIngest();
  await env!.waitForRaw(3);
  const body = async (source: string) =>
    env!.tdb.db
      .selectFrom('incident_messages')
      .innerJoin('raw_messages', 'raw_messages.id', 'incident_messages.raw_message_id')
      .select(['incident_messages.body', 'incident_messages.html', 'incident_messages.id'])
      .where('raw_messages.external_id', '=', idOf(source))
      .executeTakeFirstOrThrow();
  const h = await body(html);
  expect(h.body).toMatch(/demo/i);
  expect(h.html).toContain('<b>demo</b>');
  expect(h.html).not.toMatch(/track\.example|script/);
  expect((await body(latin)).body).toContain('café');
  const p = await body(photo);
  const files = await env!.tdb.db
    .selectFrom('attachments')
    .selectAll()
    .where('incident_message_id', '=', p.id)
    .execute();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatchObject({ filename: 'tawuran.jpg', content_type: 'image/jpeg', size: 3000 });
  expect(files[0]!.content?.length).toBe(3000);
});

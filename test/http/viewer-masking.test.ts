/**
 * A viewer never learns who reported, in any view: list and detail JSON, the incident page and its live row, CSV,
 * /api/messages; and a viewer's full-text search cannot confirm a number or an address. Operators find a
 * reporter's incidents by phone or e-mail. Real PostgreSQL and Redis, messages through the real processor.
 */
import { prepareEmail } from '../../src/channels/email/email-preparer';
import { createPreparerRegistry } from '../../src/channels/registry';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { processInbound } from '../../src/processors/inbound-processor';
import { captureLogger } from '../helpers/test-logger';
import { login, sms, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let whatsapp: string;
let email: string;
let viewerCookie: string;

/** What must not reach a viewer, in any spelling the test puts in. */
const SECRETS = [
  '14155550100',
  '415 555',
  '3456 7890',
  '34567890',
  '9876-5432',
  '98765432',
  '7777-8888',
  'rahma.w',
  'Rahmawati',
  'budi.s',
  'Santoso',
  '0813 2222 3333',
];

function emailSource(): string {
  return Buffer.from(
    [
      'From: "Budi Santoso" <budi.s@gmail.com>',
      'To: lapor@kesbang.test',
      'Subject: Laporan tawuran dari Budi Santoso',
      'Message-ID: <viewer-mask-1@gmail.com>',
      'Date: Mon, 12 May 2025 08:00:00 +0800',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Ada tawuran pemuda di Kel. Amassangan Kec. Wara, sudah ada yang terluka.',
      '',
      'Salam,',
      'Budi Santoso',
      'HP 0813 2222 3333',
      '',
    ].join('\r\n'),
  ).toString('base64');
}

beforeAll(async () => {
  ws = await startWorkspace('viewer-mask');
  whatsapp = await ws.ingest({
    channel: 'whatsapp',
    provider: 'twilio',
    from: 'whatsapp:+14155550100',
    profileName: 'Daeng Rahmawati',
    text:
      'Saya Rahmawati mau lapor ada pesta miras di lorong Kel. Balandai. Hubungi (0812) 3456 7890 ' +
      'atau +62 (812) 9876-5432, email rahma.w@gmail.com',
  });
  // The harness reads SMS and WhatsApp; this e-mail goes through the real e-mail preparer.
  const mailed = await processInbound(
    {
      raw: {
        ...sms(''),
        channel: 'email',
        provider: 'imap',
        from: '"Budi Santoso" <budi.s@gmail.com>',
        text: null,
        rawSource: emailSource(),
      },
    },
    {
      db: ws.database.db,
      queues: ws.queues,
      preparers: createPreparerRegistry({
        byChannel: { email: (raw) => prepareEmail(raw, { perFile: 1e6, perMessage: 1e6 }) },
      }),
      gazetteer: loadGazetteer(ws.config.REGION_CODE),
      timezone: ws.config.TIMEZONE,
      ackReplies: true,
      logger: captureLogger().logger,
      onIncidentChanged: (id) => ws.events.publish(id),
    },
  );
  if (mailed.state !== 'processed' || !mailed.incidentId) throw new Error(`e-mail not stored: ${mailed.state}`);
  email = mailed.incidentId;
  const note = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${whatsapp}/notes`,
    headers: { authorization: `Bearer ${ws.staff.operator.token}` },
    payload: { text: 'Sudah telepon Rahmawati di 0813-7777-8888' },
  });
  expect(note.statusCode).toBe(201);
  await ws.database.db
    .insertInto('raw_messages')
    .values({
      channel: 'sms',
      provider: 'smssync',
      external_id: 'viewer-mask-unreadable',
      received_at: new Date(),
      from_address: '+6281234567890',
      payload: '{}',
      state: 'unreadable',
      error: 'cannot read message from 0812.3456.7890',
    })
    .execute();
  viewerCookie = (await login(ws, 'viewer')).cookie;
});
afterAll(async () => ws?.close());

const asViewer = (url: string) => ws.app.inject({ url, headers: { cookie: viewerCookie } });

function expectNoIdentity(body: string) {
  for (const secret of SECRETS) expect(body).not.toContain(secret);
}

test.each([
  ['list JSON', () => '/api/incidents'],
  ['WhatsApp detail JSON', () => `/api/incidents/${whatsapp}`],
  ['e-mail detail JSON', () => `/api/incidents/${email}`],
  ['WhatsApp incident page', () => `/incidents/${whatsapp}`],
  ['e-mail incident page', () => `/incidents/${email}`],
  ['live row', () => `/incidents/${whatsapp}/row`],
  ['list page', () => '/incidents'],
  ['CSV', () => '/api/incidents.csv'],
  ['unreadable messages', () => '/api/messages?state=unreadable'],
])('%s: no number, address or name of a reporter', async (_label, url) => {
  const res = await asViewer(url());
  expect(res.statusCode).toBe(200);
  expectNoIdentity(res.body);
});

test('the viewer sees the masks, structurally: foreign number, display name, contact name', async () => {
  const detail = (await asViewer(`/api/incidents/${whatsapp}`)).json();
  expect(detail.reporter).toEqual({ name: 'D***', phone: '+14****0100', email: null, registered: null });
  expect(detail.messages[0].from).toBe('whatsapp:+14****0100');
  expect(detail.messages[0].body).toContain('Saya R*** mau lapor');
  expect(detail.messages[0].body).toContain('0812****7890 atau +62812****5432, email r***@gmail.com');
  expect(detail.notes[0].text).toBe('Sudah telepon R*** di 0813****8888');
  const mail = (await asViewer(`/api/incidents/${email}`)).json();
  expect(mail.messages[0].from).toBe('B*** <b***@gmail.com>');
});

test('operators see the identities unmasked', async () => {
  const detail = (
    await ws.app.inject({
      url: `/api/incidents/${whatsapp}`,
      headers: { authorization: `Bearer ${ws.staff.operator.token}` },
    })
  ).json();
  expect(detail.reporter.phone).toBe('+14155550100');
  expect(detail.notes[0].text).toContain('0813-7777-8888');
});

test.each([
  ['a full number', '081234567890'],
  ['a number with spaces', '0812 3456 7890'],
  ['four digits of one', '7890'],
  ['an e-mail address', 'rahma.w@gmail.com'],
  ['part of an address', '@gmail.com'],
])("a viewer's search for %s is refused before it runs (400), on the API, the page and the CSV", async (_l, q) => {
  for (const url of ['/api/incidents', '/incidents', '/api/incidents.csv']) {
    const res = await asViewer(`${url}?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hanya untuk operator');
  }
});

test('a viewer still searches words', async () => {
  const res = await asViewer('/api/incidents?q=miras');
  expect(res.statusCode).toBe(200);
  expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([whatsapp]);
});

test.each([
  ['the WhatsApp number as typed', '+1 415 555 0100', () => whatsapp],
  ['the e-mail address', 'Budi.S@gmail.com', () => email],
])('an operator finds the reporter by %s', async (_l, q, id) => {
  const res = await ws.app.inject({
    url: `/api/incidents?q=${encodeURIComponent(q)}`,
    headers: { authorization: `Bearer ${ws.staff.operator.token}` },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([id()]);
});

describe('an e-mail reporter who writes a phone number in the signature', () => {
  const op = () => ({ authorization: `Bearer ${ws.staff.operator.token}` });

  test('keeps the e-mail address as the contact, with the phone as a second way to reach them', async () => {
    const detail = (await ws.app.inject({ url: `/api/incidents/${email}`, headers: op() })).json();
    expect(detail.reporter).toEqual({
      name: 'Budi Santoso',
      email: 'budi.s@gmail.com',
      phone: '+6281322223333',
      registered: null,
    });
    const viewer = (await asViewer(`/api/incidents/${email}`)).json();
    expect(viewer.reporter).toEqual({
      name: 'B***',
      email: 'b***@gmail.com',
      phone: '+62813****3333',
      registered: null,
    });
  });

  test('is acknowledged by e-mail, and staff can answer by e-mail', async () => {
    const acks = await ws.database.db
      .selectFrom('outbound_messages')
      .select(['to_address', 'transport'])
      .where('incident_id', '=', email)
      .where('purpose', '=', 'ack')
      .execute();
    expect(acks).toEqual([{ to_address: 'budi.s@gmail.com', transport: 'smtp' }]);
    const reply = await ws.app.inject({
      method: 'POST',
      url: `/api/incidents/${email}/replies`,
      headers: op(),
      payload: { text: 'Terima kasih, petugas menuju lokasi.' },
    });
    expect(reply.statusCode).toBe(202);
  });
});

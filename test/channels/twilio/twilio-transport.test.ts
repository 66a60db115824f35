/**
 * Transport 'twilio' against a loopback server standing in for api.twilio.com: addressing (number, WhatsApp sender,
 * Messaging Service), the status callback URL, WhatsApp's 24-hour rule and templates, final and retried errors,
 * and staff replies going through the same path as acknowledgements.
 */
import { createTwilioTransport } from '../../../src/channels/twilio/twilio-transport';
import type { OutboundPurpose } from '../../../src/db/database';
import { upsertContact } from '../../../src/db/repos/contacts';
import { insertIncident } from '../../../src/db/repos/incidents';
import { getOutbound, insertOutbound } from '../../../src/db/repos/outbound-messages';
import { writeSetting } from '../../../src/db/repos/settings';
import { createLogger } from '../../../src/logger';
import { processOutbound } from '../../../src/outbound/outbound-processor';
import { freePort } from '../../helpers/free-port';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { type LoopbackTwilio, startLoopbackTwilio } from '../loopback-twilio';
import { ACCOUNT_SID, AUTH_TOKEN } from './sign';

const PUBLIC_URL = 'https://halo.example.go.id';
const PHONE = '+6281245678901';
const HOUR = 3600_000;

let database: TestDatabase;
let api: LoopbackTwilio;
let incidentId: string;
const logger = createLogger('silent');

const config = (from: string, apiUrl = api.url) => ({
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM: from,
  TWILIO_API_URL: apiUrl,
  PUBLIC_URL,
});

beforeAll(async () => {
  database = await createTestDatabase('twsend');
  api = await startLoopbackTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const incident = await insertIncident(database.db, {
    reference: 'HK-7Q3F2K',
    channel: 'whatsapp',
    received_at: new Date().toISOString(),
    machine: '{}',
  });
  incidentId = incident.id;
});
afterAll(async () => {
  await api.close();
  await database.drop();
});
beforeEach(() => {
  api.sent.length = 0;
  api.script.length = 0;
  api.lists.length = 0;
});

let seq = 0;
async function outbox(channel: 'sms' | 'whatsapp', purpose: OutboundPurpose = 'ack', to = PHONE): Promise<string> {
  const id = await insertOutbound(database.db, {
    dedupe_key: `test:${++seq}`,
    incident_id: incidentId,
    purpose,
    channel,
    transport: 'twilio',
    to_address: to,
    body: `Terima kasih, laporan Anda sudah kami terima dengan kode HK-7Q3F2K. ${seq}`,
  });
  return id!;
}

async function lastWrote(address: string, msAgo: number) {
  await database.db.deleteFrom('contacts').where('address', '=', address).execute();
  await upsertContact(
    database.db,
    { kind: 'phone', address, name: null },
    { at: new Date(Date.now() - msAgo), channel: 'whatsapp' },
  );
}

describe('addressing', () => {
  const cases = [
    {
      label: 'SMS from a number',
      from: '+15005550006',
      channel: 'sms' as const,
      to: PHONE,
      expect: { From: '+15005550006', To: PHONE },
    },
    {
      label: 'WhatsApp from a whatsapp: sender',
      from: 'whatsapp:+14155238886',
      channel: 'whatsapp' as const,
      to: PHONE,
      expect: { From: 'whatsapp:+14155238886', To: `whatsapp:${PHONE}` },
    },
    {
      label: 'WhatsApp from a plain number gets the prefix on both sides',
      from: '+14155238886',
      channel: 'whatsapp' as const,
      to: PHONE,
      expect: { From: 'whatsapp:+14155238886', To: `whatsapp:${PHONE}` },
    },
    {
      label: 'Messaging Service SID',
      from: 'MG0123456789abcdef0123456789abcdef',
      channel: 'sms' as const,
      to: PHONE,
      expect: { MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', To: PHONE },
    },
  ];
  test.each(cases)('$label', async (c) => {
    await lastWrote(c.to, 60_000);
    const id = await outbox(c.channel);
    const transport = createTwilioTransport({ config: config(c.from) });
    const row = (await getOutbound(database.db, id))!;
    const result = await transport.send(row, database.db);
    expect(result.state).toBe('sent');
    expect(api.sent).toHaveLength(1);
    const sent = api.sent[0]!;
    expect(result.providerMessageId).toBe(sent.sid);
    expect(sent.params).toMatchObject(c.expect);
    if (!('From' in c.expect)) expect(sent.params.From).toBeUndefined();
    expect(sent.params.Body).toBe(row.body);
    expect(sent.params.StatusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status`);
    expect(sent.accountSid).toBe(ACCOUNT_SID);
  });
});

describe("WhatsApp's 24-hour window", () => {
  test('outside the window without a template: failed with 63016, nothing sent', async () => {
    await lastWrote(PHONE, 25 * HOUR);
    const id = await outbox('whatsapp', 'reply');
    const transport = createTwilioTransport({ config: config('whatsapp:+14155238886') });
    const state = await processOutbound(
      { outboundMessageId: id },
      { db: database.db, transports: { twilio: transport }, logger },
    );
    expect(state).toBe('failed');
    const row = (await getOutbound(database.db, id))!;
    expect(row.state).toBe('failed');
    expect(row.error).toContain('63016');
    expect(api.sent).toHaveLength(0);
  });

  test('outside the window with a template for the purpose: ContentSid and variables', async () => {
    await writeSetting(
      database.db,
      'whatsappTemplates',
      { ack: { contentSid: 'HX0123456789abcdef0123456789abcdef', variables: { '1': '{reference}' } } },
      null,
    );
    try {
      await lastWrote(PHONE, 30 * HOUR);
      const id = await outbox('whatsapp', 'ack');
      const transport = createTwilioTransport({ config: config('whatsapp:+14155238886') });
      const result = await transport.send((await getOutbound(database.db, id))!, database.db);
      expect(result.state).toBe('sent');
      expect(api.sent[0]!.params).toMatchObject({
        ContentSid: 'HX0123456789abcdef0123456789abcdef',
        ContentVariables: JSON.stringify({ '1': 'HK-7Q3F2K' }),
        To: `whatsapp:${PHONE}`,
      });
      expect(api.sent[0]!.params.Body).toBeUndefined();
    } finally {
      await database.db.deleteFrom('settings').execute();
    }
  });

  test('within the window: free text', async () => {
    await lastWrote(PHONE, 23 * HOUR);
    const id = await outbox('whatsapp', 'reply');
    const transport = createTwilioTransport({ config: config('whatsapp:+14155238886') });
    expect((await transport.send((await getOutbound(database.db, id))!, database.db)).state).toBe('sent');
    expect(api.sent[0]!.params.Body).toContain('HK-7Q3F2K');
  });

  test('SMS knows no window', async () => {
    await lastWrote(PHONE, 100 * HOUR);
    const id = await outbox('sms', 'reply');
    const transport = createTwilioTransport({ config: config('+15005550006') });
    expect((await transport.send((await getOutbound(database.db, id))!, database.db)).state).toBe('sent');
  });
});

describe('errors', () => {
  test('a Twilio 4xx is final: failed with its code', async () => {
    await lastWrote(PHONE, 60_000);
    api.script.push({
      status: 400,
      body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
    });
    const id = await outbox('sms');
    const transport = createTwilioTransport({ config: config('+15005550006') });
    const state = await processOutbound(
      { outboundMessageId: id },
      { db: database.db, transports: { twilio: transport }, logger },
    );
    expect(state).toBe('failed');
    expect((await getOutbound(database.db, id))!.error).toMatch(/^twilio error 21211/);
  });

  test.each([
    { label: '500', answer: { status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } } },
    {
      label: '429 (rate limited)',
      answer: { status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } },
    },
  ])('a Twilio $label throws so the job retries; the row stays pending', async ({ answer }) => {
    api.script.push(answer);
    const id = await outbox('sms');
    const transport = createTwilioTransport({ config: config('+15005550006') });
    await expect(
      processOutbound({ outboundMessageId: id }, { db: database.db, transports: { twilio: transport }, logger }),
    ).rejects.toBeDefined();
    expect((await getOutbound(database.db, id))!.state).toBe('pending');
  });

  test('a network error (nothing listening) throws so the job retries', async () => {
    const closed = await freePort();
    const id = await outbox('sms');
    const transport = createTwilioTransport({ config: config('+15005550006', `http://127.0.0.1:${closed}`) });
    await expect(transport.send((await getOutbound(database.db, id))!, database.db)).rejects.toBeDefined();
  });

  test('without credentials: failed, saying what is missing', async () => {
    const id = await outbox('sms');
    const transport = createTwilioTransport({ config: { ...config('+15005550006'), TWILIO_AUTH_TOKEN: undefined } });
    const result = await transport.send((await getOutbound(database.db, id))!, database.db);
    expect(result).toMatchObject({ state: 'failed' });
    expect(result.error).toContain('TWILIO_AUTH_TOKEN');
  });
});

describe('an attempt whose outcome was lost is not sent twice', () => {
  const deliver = (id: string) =>
    processOutbound(
      { outboundMessageId: id },
      { db: database.db, transports: { twilio: createTwilioTransport({ config: config('+15005550006') }) }, logger },
    );

  test('Twilio took the message but its answer was lost: the retry finds it and sends nothing', async () => {
    const id = await outbox('sms');
    api.script.push({ dropAfterCreate: true });
    await expect(deliver(id)).rejects.toBeDefined();
    const pending = (await getOutbound(database.db, id))!;
    expect(pending).toMatchObject({ state: 'pending', provider_message_id: null });
    expect(pending.send_attempted_at).not.toBeNull();
    expect(api.lists).toHaveLength(0); // a first attempt asks nothing
    expect(await deliver(id)).toBe('sent');
    expect(api.sent).toHaveLength(1);
    expect(api.lists).toEqual([{ to: PHONE, from: '+15005550006' }]);
    expect((await getOutbound(database.db, id))!.provider_message_id).toBe(api.sent[0]!.sid);
  });

  test('an attempt that never reached Twilio is sent on the retry', async () => {
    const id = await outbox('sms');
    api.script.push({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    await expect(deliver(id)).rejects.toBeDefined();
    expect(await deliver(id)).toBe('sent');
    expect(api.sent).toHaveLength(1);
    expect(api.lists).toHaveLength(1);
  });

  test("the same text sent for another row is that row's message, not ours", async () => {
    const same = (key: string) =>
      insertOutbound(database.db, {
        dedupe_key: `same:${key}:${++seq}`,
        incident_id: incidentId,
        purpose: 'status_answer',
        channel: 'sms',
        transport: 'twilio',
        to_address: PHONE,
        body: 'Status HK-7Q3F2K: sedang ditangani.',
      });
    const first = (await same('a'))!;
    expect(await deliver(first)).toBe('sent');
    const second = (await same('b'))!;
    api.script.push({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    await expect(deliver(second)).rejects.toBeDefined();
    expect(await deliver(second)).toBe('sent');
    expect(api.sent).toHaveLength(2);
    const [a, b] = [(await getOutbound(database.db, first))!, (await getOutbound(database.db, second))!];
    expect(b.provider_message_id).toBe(api.sent[1]!.sid);
    expect(b.provider_message_id).not.toBe(a.provider_message_id);
  });
});

test('a staff reply (purpose reply) is delivered by the outbound processor through this transport', async () => {
  await lastWrote(PHONE, 60_000);
  const id = await outbox('whatsapp', 'reply');
  const transport = createTwilioTransport({ config: config('whatsapp:+14155238886') });
  const deps = { db: database.db, transports: { twilio: transport }, logger };
  expect(await processOutbound({ outboundMessageId: id }, deps)).toBe('sent');
  // A redelivered job never sends twice.
  expect(await processOutbound({ outboundMessageId: id }, deps)).toBe('sent');
  expect(api.sent).toHaveLength(1);
  expect((await getOutbound(database.db, id))!.provider_message_id).toBe(api.sent[0]!.sid);
});

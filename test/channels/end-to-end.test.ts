/**
 * Issue 3's "done when", through the whole process (`startService` on a free port, real workers, a test database and
 * queue prefix), with a loopback server standing in for Twilio's REST API:
 * a signed WhatsApp message with a location becomes one incident with that location and exactly one acknowledgement
 * carrying its reference; an SMS through the Android gateway does the same, its acknowledgement handed to the phone
 * (task=send) and confirmed (task=sent); a forged request leaves nothing but a 403; the loop and cost guard holds.
 */
import { parseConfig } from '../../src/config';
import { type Service, startService } from '../../src/runtime/service';
import { freePort } from '../helpers/dovecot';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { clearPrefix, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';
import { counterValue, testEnv } from './channel-harness';
import { type LoopbackTwilio, startLoopbackTwilio } from './loopback-twilio';
import location from './twilio/fixtures/whatsapp-location.json';
import { ACCOUNT_SID, AUTH_TOKEN, type Form, signed } from './twilio/sign';

const SECRET = 'rahasia-gateway-palopo';
let database: TestDatabase;
let api: LoopbackTwilio;
let service: Service;
let base: string;
let prefix: string;
const { logger, lines } = captureLogger();

beforeAll(async () => {
  database = await createTestDatabase('e2esms');
  api = await startLoopbackTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  prefix = uniquePrefix('e2esms');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = parseConfig(
    testEnv(database, prefix, {
      PORT: String(port),
      PUBLIC_URL: base,
      TWILIO_API_URL: api.url,
      TWILIO_MEDIA_HOSTS: '127.0.0.1',
      HALO_ROLES: 'api,normalize,outbound',
    }),
  );
  service = await startService(config, logger);
});
afterAll(async () => {
  await service.close();
  await api.close();
  await database.drop();
  await clearPrefix(prefix);
});

const db = () => database.db;
const postTwilio = (form: Form, signedFor = `${base}/webhooks/twilio`, token = AUTH_TOKEN) => {
  const req = signed(signedFor, form, token);
  return fetch(`${base}/webhooks/twilio`, { method: 'POST', headers: req.headers, body: req.payload });
};
const postSms = (form: Record<string, string>) =>
  fetch(`${base}/webhooks/smssync`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      secret: SECRET,
      device_id: 'kesbang-hp-1',
      sent_to: '+6285299990000',
      ...form,
    }).toString(),
  });
const processed = (externalId: string) =>
  waitFor(
    async () =>
      db()
        .selectFrom('raw_messages')
        .selectAll()
        .where('external_id', '=', externalId)
        .where('state', '!=', 'received')
        .executeTakeFirst(),
    { what: `raw message ${externalId} processed` },
  );

test('a signed WhatsApp message with a location → one incident with that location, exactly one acknowledgement', async () => {
  // WhatsApp sends a location without text; this reporter adds a caption-like Body so that it reads as a report.
  const form: Form = {
    ...location,
    Body: 'Ada tawuran pemuda di sini, batu beterbangan, mohon segera dikirim petugas',
  };
  const res = await postTwilio(form);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('<Response/>');

  const ack = await waitFor(() => api.sent.find((m) => m.params.To === 'whatsapp:+6281245678901'), {
    what: 'ack at loopback Twilio',
  });
  const incidents = await db().selectFrom('incidents').selectAll().where('channel', '=', 'whatsapp').execute();
  expect(incidents).toHaveLength(1);
  const incident = incidents[0]!;
  expect(incident.latitude).toBeCloseTo(-2.9925, 6);
  expect(incident.longitude).toBeCloseTo(120.1969, 6);
  expect(incident.location_text).toContain('Pasar Sentral Palopo');
  expect(ack.params.Body).toContain(incident.reference);
  expect(ack.params.From).toBe('whatsapp:+14155238886');
  expect(ack.params.StatusCallback).toBe(`${base}/webhooks/twilio/status`);

  // Twilio calls the webhook again with the same MessageSid: still one message, one incident, one acknowledgement.
  const duplicates = await counterValue(service.metrics, 'halo_inbound_messages_total', {
    channel: 'whatsapp',
    kind: 'duplicate',
  });
  expect((await postTwilio(form)).status).toBe(200);
  await waitFor(
    async () =>
      (await counterValue(service.metrics, 'halo_inbound_messages_total', { channel: 'whatsapp', kind: 'duplicate' })) >
      duplicates,
    { what: 'the duplicate processed' },
  );
  expect(
    await db().selectFrom('raw_messages').select('id').where('external_id', '=', form.MessageSid!).execute(),
  ).toHaveLength(1);
  expect(await db().selectFrom('incidents').select('id').where('channel', '=', 'whatsapp').execute()).toHaveLength(1);
  const outbound = await waitFor(
    async () => {
      const rows = await db()
        .selectFrom('outbound_messages')
        .selectAll()
        .where('incident_id', '=', incident.id)
        .execute();
      return rows.every((r) => r.state === 'sent') ? rows : null;
    },
    { what: 'ack row sent' },
  );
  expect(outbound).toHaveLength(1);
  expect(api.sent.filter((m) => m.params.To === 'whatsapp:+6281245678901')).toHaveLength(1);

  // Twilio reports delivery; a late "sent" does not move it back.
  for (const status of ['delivered', 'sent']) {
    const cb: Form = { MessageSid: ack.sid, MessageStatus: status, AccountSid: ACCOUNT_SID, To: ack.params.To! };
    const req = signed(`${base}/webhooks/twilio/status`, cb);
    expect(
      (await fetch(`${base}/webhooks/twilio/status`, { method: 'POST', headers: req.headers, body: req.payload }))
        .status,
    ).toBe(200);
  }
  expect(
    (await db().selectFrom('outbound_messages').select('state').where('id', '=', outbound[0]!.id).executeTakeFirst())!
      .state,
  ).toBe('delivered');
});

test('an SMS through the Android gateway → one incident; its acknowledgement is handed to the phone and confirmed', async () => {
  const res = await postSms({
    from: '0813-7778-8899',
    message: 'Lapor, ada unjuk rasa mahasiswa di depan kantor DPRD, jalan Andi Djemma macet total',
    message_id: 'b2c6c0de-1111-4a4a-9b9b-000000000001',
    sent_timestamp: String(Date.now()),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ payload: { success: true, error: null } });
  const raw = await processed('b2c6c0de-1111-4a4a-9b9b-000000000001');
  const incident = await db()
    .selectFrom('incidents')
    .selectAll()
    .where('first_raw_message_id', '=', raw.id)
    .executeTakeFirstOrThrow();
  expect(incident.channel).toBe('sms');

  const messages = await waitFor(
    async () => {
      const r = await fetch(`${base}/webhooks/smssync?task=send&secret=${SECRET}`);
      const body = (await r.json()) as { payload: { messages: { to: string; message: string; uuid: string }[] } };
      return body.payload.messages.length ? body.payload.messages : null;
    },
    { what: 'the acknowledgement waiting for the phone' },
  );
  expect(messages).toHaveLength(1);
  expect(messages[0]!.to).toBe('+6281377788899');
  expect(messages[0]!.message).toContain(incident.reference);

  const sent = await fetch(`${base}/webhooks/smssync?task=sent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queued_messages: [messages[0]!.uuid] }),
  });
  expect(await sent.json()).toEqual({ message_uuids: [messages[0]!.uuid] });
  const rows = await db().selectFrom('outbound_messages').selectAll().where('incident_id', '=', incident.id).execute();
  expect(rows.map((r) => [r.purpose, r.state])).toEqual([['ack', 'sent']]);
});

test('a forged request leaves no trace but a 403 and a log line', async () => {
  const before = await db().selectFrom('raw_messages').select('id').execute();
  const form: Form = { ...location, MessageSid: 'SMforgedforgedforgedforgedforged00', Body: 'Ada bom di pasar' };
  const res = await postTwilio(form, `${base}/webhooks/twilio`, 'not-the-auth-token-not-the-token');
  expect(res.status).toBe(403);
  expect(await db().selectFrom('raw_messages').select('id').execute()).toEqual(before);
  expect(await service.queues.inbound.getJob('in-whatsapp-SMforgedforgedforgedforgedforged00')).toBeUndefined();
  expect(lines.some((l) => l.includes('signature does not match'))).toBe(true);
});

describe('loop and cost guard, through the SMS gateway', () => {
  test('an alphanumeric sender ("TELKOMSEL") gets no acknowledgement', async () => {
    expect(
      (
        await postSms({
          from: 'TELKOMSEL',
          message: 'Ada keributan antar warga di Kel. Amassangan, mohon dicek. Info paket: hubungi 188',
          message_id: 'b2c6c0de-2222-4a4a-9b9b-000000000001',
        })
      ).status,
    ).toBe(200);
    const raw = await processed('b2c6c0de-2222-4a4a-9b9b-000000000001');
    expect(raw.state).toBe('processed');
    expect(
      await db().selectFrom('outbound_messages').select('id').where('to_address', '=', 'TELKOMSEL').execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('outbound_messages').select('id').where('raw_message_id', '=', raw.id).execute(),
    ).toEqual([]);
  });

  test('a 4th report from one number within the hour gets no acknowledgement', async () => {
    const reports = [
      'Ada tawuran pemuda di Jl. Andi Djemma dekat pasar',
      'Ada unjuk rasa di depan kantor wali kota Palopo',
      'Ada kebakaran rumah warga di Kel. Amassangan',
      'Ada pencurian motor di parkiran masjid raya',
    ];
    for (const [i, message] of reports.entries()) {
      const id = `b2c6c0de-3333-4a4a-9b9b-00000000000${i}`;
      expect((await postSms({ from: '+6285211112222', message, message_id: id })).status).toBe(200);
      await processed(id); // one after the other: the guard counts what was written before
    }
    const incidents = await db()
      .selectFrom('incidents')
      .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
      .select('incidents.id')
      .where('contacts.address', '=', '+6285211112222')
      .execute();
    expect(incidents).toHaveLength(4);
    const acks = await db()
      .selectFrom('outbound_messages')
      .select('purpose')
      .where('to_address', '=', '+6285211112222')
      .execute();
    expect(acks).toEqual([{ purpose: 'ack' }, { purpose: 'ack' }, { purpose: 'ack' }]);
  });
});

test('WhatsApp media is fetched by the worker and stored as attachments of the thread message', async () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1500, 3)]);
  api.media.set('MEe2e0000000000000000000000000001', { contentType: 'image/jpeg', body: jpeg });
  const form: Form = {
    ...location,
    MessageSid: 'MMe2e00000000000000000000000000001',
    From: 'whatsapp:+6281299990001',
    Latitude: '',
    Longitude: '',
    Body: 'Foto spanduk provokatif di depan masjid raya, mohon ditertibkan',
    NumMedia: '2',
    MediaUrl0: api.mediaUrl('MEe2e0000000000000000000000000001'),
    MediaContentType0: 'image/jpeg',
    MediaUrl1: api.mediaUrl('MEe2e0000000000000000000000000002'),
    MediaContentType1: 'application/x-msdownload',
  };
  expect((await postTwilio(form)).status).toBe(200);
  const raw = await processed('MMe2e00000000000000000000000000001');
  const attachments = await db()
    .selectFrom('attachments')
    .selectAll()
    .where('raw_message_id', '=', raw.id)
    .orderBy('position')
    .execute();
  expect(attachments.map((a) => [a.filename, a.content_type, a.size, a.error])).toEqual([
    ['MEe2e0000000000000000000000000001.jpg', 'image/jpeg', jpeg.length, null],
    [
      'MEe2e0000000000000000000000000002',
      'application/x-msdownload',
      0,
      'media type application/x-msdownload is not allowed',
    ],
  ]);
  expect(attachments[0]!.content!.equals(jpeg)).toBe(true);
  expect(attachments[0]!.incident_message_id).not.toBeNull();
});

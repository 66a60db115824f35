/**
 * Issue 9's "done when", through the whole process (`startService`: api, normalize and outbound roles on a test
 * database and queue prefix) with a loopback server standing in for Twilio's REST API: an urgent SMS through the
 * Android gateway alerts exactly the officer on duty within seconds; unanswered, the next person of the roster is
 * alerted after the (short, test-set) escalation timeout; "OK HK-…" from that person stops the escalation; nobody
 * off duty is alerted at first; noise alerts nobody.
 */
import { Queue } from 'bullmq';
import { parseConfig } from '../../src/config';
import { insertDuty } from '../../src/db/repos/duty-roster';
import { writeSetting } from '../../src/db/repos/settings';
import { escalationJobId } from '../../src/follow-up/follow-up-queue';
import { FOLLOW_UP_QUEUE } from '../../src/queues/queue-names';
import { createProducerConnection } from '../../src/queues/redis-connections';
import { type Service, startService } from '../../src/runtime/service';
import { testEnv } from '../channels/channel-harness';
import { type LoopbackTwilio, startLoopbackTwilio } from '../channels/loopback-twilio';
import { ACCOUNT_SID, AUTH_TOKEN } from '../channels/twilio/sign';
import { freePort } from '../helpers/free-port';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

const SECRET = 'rahasia-gateway-palopo';
const ANDI_WA = '+6281100000001';
const BUDI = '+6281100000002';
const CITRA = '+6281100000003';
const URGENT =
  'Ada tawuran antar pemuda di Jalan Andi Djemma kelurahan Amassangan, ada yang terluka parah, tolong segera';

let database: TestDatabase;
let api: LoopbackTwilio;
let service: Service;
let base: string;
let prefix: string;
let followUp: Queue;
const followUpConnection = createProducerConnection(REDIS_URL);
const { logger } = captureLogger();

/** An ISO day that is neither today nor yesterday anywhere near now: Budi and Citra are off duty during the test. */
const offDay = () => (((new Date().getUTCDay() + 3) % 7) + 1) as number;

beforeAll(async () => {
  database = await createTestDatabase('follow_e2e');
  api = await startLoopbackTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  prefix = uniquePrefix('follow_e2e');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const db = database.db;
  // Andi is always on duty (WhatsApp); Budi and Citra only on a day that is not today (SMS). Roster order = escalation.
  await insertDuty(db, {
    name: 'Andi',
    phone: null,
    whatsapp: ANDI_WA,
    email: null,
    channel: 'whatsapp',
    days: [],
    from: null,
    to: null,
  });
  const off = { email: null, whatsapp: null, channel: 'sms' as const, days: [offDay()], from: '08:00', to: '16:00' };
  await insertDuty(db, { ...off, name: 'Budi', phone: BUDI });
  await insertDuty(db, { ...off, name: 'Citra', phone: CITRA });
  await writeSetting(db, 'escalationMinutes', 0.05, null); // 3 seconds
  await writeSetting(db, 'smsTransport', 'twilio', null);
  // Andi never wrote to the office on WhatsApp: outside the 24-hour window the approved template goes out.
  await writeSetting(
    db,
    'whatsappTemplates',
    { alert: { contentSid: 'HX0123456789abcdef0123456789abcdef', variables: { 1: '{reference}', 2: '{body}' } } },
    null,
  );
  const config = parseConfig(
    testEnv(database, prefix, {
      PORT: String(port),
      PUBLIC_URL: base,
      TWILIO_API_URL: api.url,
      TWILIO_FROM: '+14155238886',
      HALO_ROLES: 'api,normalize,outbound',
    }),
  );
  service = await startService(config, logger);
  followUp = new Queue(FOLLOW_UP_QUEUE, { connection: followUpConnection, prefix });
});
afterAll(async () => {
  await followUp.close();
  followUpConnection.disconnect();
  await service.close();
  await api.close();
  await database.drop();
  await clearPrefix(prefix);
});

/** What the office's SMS phone was handed to send (task=send polling, as the phone does), until `message` to `to`. */
const handedToPhone: { to: string; message: string }[] = [];
const fromOfficePhone = (to: string, message: string) =>
  waitFor(
    async () => {
      const res = await fetch(`${base}/webhooks/smssync?task=send&secret=${SECRET}`);
      const body = (await res.json()) as { payload: { messages: { to: string; message: string }[] } };
      handedToPhone.push(...body.payload.messages);
      return handedToPhone.find((m) => m.to === to && m.message === message);
    },
    { what: `"${message}" to ${to} through the phone` },
  );

let sequence = 0;
const postSms = async (from: string, message: string) => {
  sequence += 1;
  const res = await fetch(`${base}/webhooks/smssync`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      secret: SECRET,
      from,
      message,
      message_id: `follow-${sequence}-${Date.now()}`,
      device_id: 'kesbang-hp-1',
      sent_to: '+6285299990000',
      sent_timestamp: String(Date.now()),
    }).toString(),
  });
  expect(res.status).toBe(200);
  return `follow-${sequence}`;
};
const sentTo = (to: string) => api.sent.filter((m) => m.params.To === to);
const incidentByText = (words: string) =>
  waitFor(
    () => database.db.selectFrom('incidents').selectAll().where('summary', 'like', `%${words}%`).executeTakeFirst(),
    { what: `incident "${words}"` },
  );
const escalationResult = (incidentId: string, level: number) =>
  waitFor(
    async () => {
      const job = await followUp.getJob(escalationJobId(incidentId, level));
      return job && (await job.isCompleted()) ? (job.returnvalue as string) : null;
    },
    { what: `escalation ${level} of incident ${incidentId}`, timeoutMs: 20000 },
  );

test('an urgent SMS alerts exactly the officer on duty, escalates to the next when unanswered, and "OK" stops it', async () => {
  await postSms('0813-7778-8899', URGENT);
  const incident = await incidentByText('Amassangan');
  expect(incident.priority).toBe('urgent');

  // Within seconds: Andi, on duty, gets the approved WhatsApp template (outside the 24-hour window).
  const [alert] = await waitFor(() => (sentTo(`whatsapp:${ANDI_WA}`).length ? sentTo(`whatsapp:${ANDI_WA}`) : null), {
    what: 'alert to Andi',
  });
  expect(alert!.params.ContentSid).toBe('HX0123456789abcdef0123456789abcdef');
  const variables = JSON.parse(alert!.params.ContentVariables!);
  expect(variables['1']).toBe(incident.reference);
  expect(variables['2']).toContain(`${base}/incidents/${incident.id}`);
  expect(variables['2']).toContain('Ammasangan');
  expect(variables['2']).toContain(`OK ${incident.reference}`);
  // Nobody off duty was alerted at first.
  const first = await database.db
    .selectFrom('incident_alerts')
    .selectAll()
    .where('incident_id', '=', incident.id)
    .execute();
  expect(first.map((a) => a.level)).toEqual([0]);
  expect(sentTo(BUDI)).toHaveLength(0);
  expect(sentTo(CITRA)).toHaveLength(0);

  // Nobody answered within the timeout: Budi, next in the roster, is alerted.
  const [escalation] = await waitFor(() => (sentTo(BUDI).length ? sentTo(BUDI) : null), {
    what: 'escalation to Budi',
  });
  expect(escalation!.params.Body).toContain(`ESKALASI ${incident.reference}`);
  expect(await escalationResult(incident.id, 0)).toBe('escalated');

  // Budi answers "ok hk-…" by SMS: an acknowledgement, not a status query and not a new report.
  const incidentsBefore = (await database.db.selectFrom('incidents').select('id').execute()).length;
  await postSms(BUDI, `ok ${incident.reference.toLowerCase()}`);
  const acknowledged = await waitFor(
    async () => {
      const row = await database.db
        .selectFrom('incidents')
        .select(['acknowledged_at', 'acknowledged_by'])
        .where('id', '=', incident.id)
        .executeTakeFirstOrThrow();
      return row.acknowledged_at ? row : null;
    },
    { what: 'acknowledgement' },
  );
  expect(acknowledged.acknowledged_by).toBe('Budi');
  expect(await escalationResult(incident.id, 1)).toBe('acknowledged_or_closed');
  expect(sentTo(CITRA)).toHaveLength(0);
  expect((await database.db.selectFrom('incidents').select('id').execute()).length).toBe(incidentsBefore);
  // Budi is told on the path he used (the office's SMS phone) that it counted and the alerts stop.
  await fromOfficePhone(
    BUDI,
    `Halo Kesbang: terima kasih, Budi. ${incident.reference} tercatat Anda tangani; peringatan dihentikan.`,
  );
  expect(sentTo(BUDI)).toHaveLength(1);
  const raw = await database.db
    .selectFrom('raw_messages')
    .select('kind')
    .where('from_address', '=', BUDI)
    .executeTakeFirstOrThrow();
  expect(raw.kind).toBe('acknowledgement');
});

test('an alert acknowledged before the timeout never escalates', async () => {
  await postSms(
    '0852-1111-2222',
    'Tolong segera, ada bentrok warga bawa parang di kelurahan Batupasi, sudah ada korban',
  );
  const incident = await incidentByText('Batupasi');
  expect(incident.priority).toBe('urgent');
  await waitFor(
    () =>
      api.sent.find(
        (m) => m.params.To === `whatsapp:${ANDI_WA}` && m.params.ContentVariables?.includes(incident.reference),
      ),
    { what: 'alert to Andi' },
  );
  // Andi answers from the number on the roster (by SMS this time).
  await postSms(ANDI_WA, `OK ${incident.reference}`);
  expect(await escalationResult(incident.id, 0)).toBe('acknowledged_or_closed');
  // Budi, who was never alerted, answers too: he learns that Andi holds it, and the acknowledgement stays Andi's.
  await postSms(BUDI, `Siap ${incident.reference}`);
  await fromOfficePhone(BUDI, `Halo Kesbang: ${incident.reference} sudah lebih dulu diterima oleh Andi.`);
  const row = await database.db
    .selectFrom('incidents')
    .select('acknowledged_by')
    .where('id', '=', incident.id)
    .executeTakeFirstOrThrow();
  expect(row.acknowledged_by).toBe('Andi');
  const alerts = await database.db
    .selectFrom('incident_alerts')
    .select('level')
    .where('incident_id', '=', incident.id)
    .execute();
  expect(alerts).toEqual([{ level: 0 }]);
});

test('noise and non-urgent reports alert nobody', async () => {
  const before = api.sent.length;
  const ids = [
    await postSms('0813-5555-6666', 'tes'),
    await postSms('0813-5555-6666', 'Lampu jalan di depan rumah saya mati sudah seminggu'),
  ];
  await waitFor(
    async () => {
      const rows = await database.db
        .selectFrom('raw_messages')
        .select('state')
        .where('from_address', '=', '+6281355556666')
        .execute();
      return rows.length === ids.length && rows.every((r) => r.state === 'processed');
    },
    { what: 'both messages processed' },
  );
  const alerts = await database.db
    .selectFrom('incident_alerts')
    .innerJoin('incidents', 'incidents.id', 'incident_alerts.incident_id')
    .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
    .select('incident_alerts.id')
    .where('contacts.address', '=', '+6281355556666')
    .execute();
  expect(alerts).toHaveLength(0);
  expect(
    api.sent.slice(before).filter((m) => [`whatsapp:${ANDI_WA}`, BUDI, CITRA].includes(m.params.To!)),
  ).toHaveLength(0);
});

test('the daily summary and the nightly learning report are scheduled once in the outbound role, in TIMEZONE', async () => {
  const schedulers = await followUp.getJobSchedulers();
  expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
    ['daily-summary', '0 * * * *', 'Asia/Makassar'],
    ['learning-report', '30 2 * * *', 'Asia/Makassar'],
  ]);
});

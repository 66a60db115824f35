/**
 * Issue 14, points 1 and 2, through the whole process (`startService`: real webhooks, workers, database and queues;
 * a loopback server stands in for Twilio's REST API): a resident's conversation by SMS (the office's Android
 * gateway) and WhatsApp (Twilio, signed with the twilio package), as the resident and the staff see it.
 */
import { hashPassword } from '../../src/auth/password-hash';
import { hashSecret, newSecret } from '../../src/auth/secret-tokens';
import { insertApiToken } from '../../src/db/repos/api-tokens';
import { upsertUser } from '../../src/db/repos/users';
import { smsLength } from '../../src/outbound/sms-length';
import { loadIncidentDetail } from '../../src/workspace/incident-detail';
import { waitFor } from '../helpers/wait-for';
import { postSmsSync, type ServiceRig, startServiceRig } from './channel-harness';
import { ACCOUNT_SID, type Form, signed } from './twilio/sign';

const SECRET = 'rahasia-gateway-palopo';
let rig: ServiceRig;
let base: string;
let api: ServiceRig['api'];
let operatorToken: string;

beforeAll(async () => {
  rig = await startServiceRig('convers');
  ({ base, api } = rig);
  const { user } = await upsertUser(rig.database.db, {
    email: 'operator@kesbang.test',
    role: 'operator',
    name: 'Andi',
    passwordHash: await hashPassword('kata-sandi-uji-123'),
  });
  operatorToken = newSecret('hk_');
  await insertApiToken(rig.database.db, { userId: user.id, name: 'test', tokenHash: hashSecret(operatorToken) });
});
afterAll(async () => rig?.close());

const db = () => rig.database.db;
let sid = 0;
/** A WhatsApp message from `phone`, signed as Twilio signs it. */
async function whatsapp(phone: string, body: string): Promise<string> {
  sid += 1;
  const form: Form = {
    MessageSid: `SMconv${String(sid).padStart(28, '0')}`,
    AccountSid: ACCOUNT_SID,
    From: `whatsapp:${phone}`,
    To: 'whatsapp:+14155238886',
    Body: body,
    NumMedia: '0',
    ProfileName: 'Warga',
  };
  const req = signed(`${base}/webhooks/twilio`, form);
  const res = await fetch(`${base}/webhooks/twilio`, { method: 'POST', headers: req.headers, body: req.payload });
  expect(res.status).toBe(200);
  return processed(form.MessageSid!);
}
/** An SMS to the office's Android phone; `minutesAgo` is when the phone received it. */
async function sms(from: string, message: string, minutesAgo = 0): Promise<string> {
  sid += 1;
  const messageId = `conv-sms-${sid}`;
  const res = await postSmsSync(base, {
    from,
    message,
    message_id: messageId,
    sent_timestamp: String(Date.now() - minutesAgo * 60_000),
  });
  expect(res.status).toBe(200);
  return processed(messageId);
}
/** Waits until the worker processed the message; returns its raw_messages id. */
async function processed(externalId: string): Promise<string> {
  const row = await waitFor(
    () =>
      db()
        .selectFrom('raw_messages')
        .select('id')
        .where('external_id', '=', externalId)
        .where('state', '=', 'processed')
        .executeTakeFirst(),
    { what: `message ${externalId} processed` },
  );
  return row.id;
}
/** What the office's SMS phone is given to send (task=send), confirmed as sent so it is not handed out again. */
async function smsToSend(to: string): Promise<string[]> {
  const messages = await waitFor(
    async () => {
      const r = await fetch(`${base}/webhooks/smssync?task=send&secret=${SECRET}`);
      const body = (await r.json()) as { payload: { messages: { to: string; message: string; uuid: string }[] } };
      const mine = body.payload.messages.filter((m) => m.to === to);
      return mine.length ? mine : null;
    },
    { what: `an SMS waiting for ${to}` },
  );
  await fetch(`${base}/webhooks/smssync?task=sent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queued_messages: messages.map((m) => m.uuid) }),
  });
  return messages.map((m) => m.message);
}
const whatsappSentTo = (phone: string) => api.sent.filter((m) => m.params.To === `whatsapp:${phone}`);
const incidentsOf = (phone: string) =>
  db()
    .selectFrom('incidents')
    .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
    .selectAll('incidents')
    .where('contacts.address', '=', phone)
    .orderBy('incidents.id')
    .execute();

describe('a tawuran reported by SMS, followed up on WhatsApp from the same number', () => {
  const PHONE = '+6281245670001';
  let incidentId: string;
  let reference: string;
  let followUpRaw: string;

  test('the report: one urgent incident, one acknowledgement that fits one GSM-7 SMS', async () => {
    await sms('0812-4567-0001', 'Ada tawuran pemuda di Kel. Ponjalae, saling lempar batu, tolong cepat', 7);
    const [incident] = await incidentsOf(PHONE);
    expect(incident).toMatchObject({ category: 'konflik_sosial', priority: 'urgent', message_count: 1 });
    incidentId = incident!.id;
    reference = incident!.reference;
    const [ack] = await smsToSend(PHONE);
    expect(ack).toContain(reference);
    expect(smsLength(ack!)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
  });

  test('"skrg sdh 3 org luka, polisi blm datang" joins the tawuran: no new incident, no second code', async () => {
    followUpRaw = await whatsapp(PHONE, 'skrg sdh 3 org luka, polisi blm datang');
    const incidents = await incidentsOf(PHONE);
    expect(incidents).toHaveLength(1);
    // Read alone it is "kriminalitas, normal": it raises nothing lower and changes no category.
    expect(incidents[0]).toMatchObject({
      id: incidentId,
      priority: 'urgent',
      category: 'konflik_sosial',
      message_count: 2,
    });
    expect(
      await db().selectFrom('outbound_messages').select('id').where('raw_message_id', '=', followUpRaw).execute(),
    ).toEqual([]);
    expect(whatsappSentTo(PHONE)).toEqual([]);

    // Staff read why it joined, a viewer too, without the reporter's number.
    for (const role of ['operator', 'viewer'] as const) {
      const detail = await loadIncidentDetail(db(), incidentId, role);
      const joined = detail!.messages.find((m) => m.direction === 'in' && m.joinedBecause);
      expect(joined!.joinedBecause).toMatch(
        /^pesan lanjutan dari pelapor yang sama, [78] menit setelah laporan \(laporan lewat SMS, pesan ini lewat WhatsApp\)$/,
      );
      expect(joined!.canSplit).toBe(true);
      if (role === 'viewer') expect(joined!.from).not.toContain('45670001');
    }
  });

  test('"STATUS" alone answers with that number\'s open reports, newest first', async () => {
    await sms(PHONE, 'Laporan baru pak: ada pencurian motor di parkiran masjid raya Kel. Balandai');
    const incidents = await incidentsOf(PHONE);
    expect(incidents).toHaveLength(2);
    const newer = incidents[1]!;
    expect(newer.category).toBe('kriminalitas');
    await smsToSend(PHONE); // its acknowledgement

    const raw = await whatsapp(PHONE, 'STATUS');
    const answer = await waitFor(() => whatsappSentTo(PHONE)[0], { what: 'the status answer on WhatsApp' });
    expect(answer.params.Body).toBe(
      `Laporan Anda: ${newer.reference} sudah diterima dan menunggu verifikasi; ${reference} sudah diterima dan menunggu verifikasi. - Kesbangpol Kota Palopo`,
    );
    const row = await db().selectFrom('raw_messages').select('kind').where('id', '=', raw).executeTakeFirstOrThrow();
    expect(row.kind).toBe('status_query');
    expect(await incidentsOf(PHONE)).toHaveLength(2);
  });

  test('an operator splits the follow-up out into its own incident (API, audited)', async () => {
    const message = await db()
      .selectFrom('incident_messages')
      .select('id')
      .where('raw_message_id', '=', followUpRaw)
      .executeTakeFirstOrThrow();
    const headers = { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' };
    const bad = await fetch(`${base}/api/incidents/${incidentId}/messages/abc/split`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('nomor pesan tidak valid');

    const res = await fetch(`${base}/api/incidents/${incidentId}/messages/${message.id}/split`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(res.status).toBe(201);
    const { incident } = (await res.json()) as { incident: { id: string; reference: string } };
    expect(incident.reference).not.toBe(reference);
    const moved = await db()
      .selectFrom('incident_messages')
      .selectAll()
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ incident_id: incident.id, join_reason: null });
    const [source, created] = await Promise.all([
      loadIncidentDetail(db(), incidentId, 'operator'),
      loadIncidentDetail(db(), incident.id, 'operator'),
    ]);
    expect(source!.messageCount).toBe(1);
    expect(source!.history.map((h) => h.kind)).toContain('split');
    expect(created!.messageCount).toBe(1);
    expect(created!.reporter.phone).toBe(PHONE);
    expect(created!.history.map((h) => [h.kind, h.user?.name])).toEqual([['split_from', 'Andi']]);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'incident.split').execute();
    expect(audit).toHaveLength(1);

    // The incident's own first message cannot be split from it.
    const first = source!.messages.find((m) => m.direction === 'in')!;
    expect(first.canSplit).toBe(false);
    const again = await fetch(`${base}/api/incidents/${incidentId}/messages/${first.id}/split`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(again.status).toBe(409);
  });
});

test('"mau tanya cara buat laporan" by SMS gets the help text and creates no incident', async () => {
  const PHONE = '+6285211110002';
  const raw = await sms(PHONE, 'mau tanya cara buat laporan');
  const [answer] = await smsToSend(PHONE);
  expect(answer).toMatch(/^Cara melapor: tulis apa yang terjadi, di mana/);
  expect(answer).not.toMatch(/diterima dengan kode/);
  expect(smsLength(answer!)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
  expect(await incidentsOf(PHONE)).toEqual([]);
  const row = await db().selectFrom('raw_messages').select('kind').where('id', '=', raw).executeTakeFirstOrThrow();
  expect(row.kind).toBe('question');
  const out = await db().selectFrom('outbound_messages').select('purpose').where('raw_message_id', '=', raw).execute();
  expect(out).toEqual([{ purpose: 'question_answer' }]);
});

test("after the guard's cap on acknowledgements, a real status query still gets its answer; staff see the unanswered report", async () => {
  const PHONE = '+6281377770003';
  const reports = [
    'Ada tawuran pemuda di Jl. Andi Djemma dekat pasar',
    'Ada unjuk rasa di depan kantor wali kota Palopo',
    'Ada kebakaran rumah warga di Kel. Amassangan',
    'Ada pencurian motor di parkiran masjid raya',
  ];
  const raws: string[] = [];
  for (const text of reports) raws.push(await whatsapp(PHONE, text));
  expect(await incidentsOf(PHONE)).toHaveLength(4);
  await waitFor(() => (whatsappSentTo(PHONE).length >= 3 ? true : null), { what: 'three acknowledgements' });
  const purposes = await db()
    .selectFrom('outbound_messages')
    .select('purpose')
    .where('to_address', '=', PHONE)
    .execute();
  expect(purposes.map((p) => p.purpose)).toEqual(['ack', 'ack', 'ack']);

  const fourth = await db()
    .selectFrom('incidents')
    .select('id')
    .where('first_raw_message_id', '=', raws[3]!)
    .executeTakeFirstOrThrow();
  const detail = await loadIncidentDetail(db(), fourth.id, 'operator');
  expect(detail!.messages[0]!.unanswered).toMatch(/^Tidak dibalas otomatis: batas balasan otomatis per jam/);

  await whatsapp(PHONE, 'status laporan saya');
  const answer = await waitFor(() => whatsappSentTo(PHONE)[3], { what: 'the status answer after the cap' });
  expect(answer.params.Body).toMatch(/^Laporan Anda: HK-/);
  expect(answer.params.Body?.match(/HK-[0-9A-Z]{6}/g)).toHaveLength(3);
});

test('the loop guard still holds: answers to questions have a cap of their own', async () => {
  const PHONE = '+6281377770004';
  for (let i = 0; i < 7; i++) await whatsapp(PHONE, 'mau tanya cara buat laporan');
  const answers = await db()
    .selectFrom('outbound_messages')
    .select('purpose')
    .where('to_address', '=', PHONE)
    .execute();
  expect(answers).toHaveLength(6); // questionRepliesPerHour
  expect(await incidentsOf(PHONE)).toEqual([]);
});

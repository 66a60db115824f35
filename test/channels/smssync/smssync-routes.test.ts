/** The SMSSync protocol: inbound POST, task=send polling under a lease, task=sent confirmation, the secret. */
import { createSmssyncTransport } from '../../../src/channels/smssync/smssync-transport';
import { getOutbound, insertOutbound } from '../../../src/db/repos/outbound-messages';
import { createLogger } from '../../../src/logger';
import { processOutbound } from '../../../src/outbound/outbound-processor';
import { inboundJobId } from '../../../src/queues/job-ids';
import { freePort } from '../../helpers/free-port';
import { type ChannelRig, startRig } from '../channel-harness';

const SECRET = 'rahasia-gateway-palopo';
const PATH = '/webhooks/smssync';
let rig: ChannelRig;
beforeAll(async () => {
  rig = await startRig('smssync');
});
afterAll(async () => {
  await rig.close();
});

let seq = 0;
const smsForm = (extra: Record<string, string> = {}) => ({
  from: '081245678901',
  message: 'Ada keributan antar warga di Kel. Amassangan, mohon dicek 🙏',
  message_id: `7f3c2a1e-0000-4000-8000-${(++seq).toString().padStart(12, '0')}`,
  sent_to: '+6285299990000',
  secret: SECRET,
  device_id: 'kesbang-hp-1',
  sent_timestamp: String(Date.now() - 60_000),
  ...extra,
});
const postForm = (form: Record<string, string>, r = rig) =>
  r.app.inject({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
const job = async (externalId: string) => (await rig.queues.inbound.getJob(inboundJobId('sms', externalId)))?.data.raw;

describe('inbound', () => {
  test('a message is queued, then answered with success; phone to E.164, secret not kept', async () => {
    const form = smsForm();
    const res = await postForm(form);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ payload: { success: true, error: null } });
    const raw = await job(form.message_id);
    expect(raw).toMatchObject({
      channel: 'sms',
      provider: 'smssync',
      externalId: form.message_id,
      from: '+6281245678901',
      to: '+6285299990000',
      text: form.message,
      receivedAt: new Date(Number(form.sent_timestamp)).toISOString(),
    });
    expect(raw!.params).not.toHaveProperty('secret');
    expect(JSON.stringify(raw)).not.toContain(SECRET);
  });

  test.each([
    { label: 'national format', from: '0812-4567-8901', expected: '+6281245678901' },
    { label: 'international without plus', from: '6281245678901', expected: '+6281245678901' },
    { label: 'alphanumeric sender stays as it is', from: 'TELKOMSEL', expected: 'TELKOMSEL' },
    { label: 'short code stays as it is', from: '3636', expected: '3636' },
  ])('sender: $label', async ({ from, expected }) => {
    const form = smsForm({ from });
    expect((await postForm(form)).statusCode).toBe(200);
    expect((await job(form.message_id))!.from).toBe(expected);
  });

  test('the same message_id any number of times = one job', async () => {
    const form = smsForm();
    const before = (await rig.queues.inbound.getJobCounts()).waiting ?? 0;
    for (let i = 0; i < 4; i++) expect((await postForm(form)).statusCode).toBe(200);
    expect(((await rig.queues.inbound.getJobCounts()).waiting ?? 0) - before).toBe(1);
  });

  test.each([
    { label: 'wrong secret', secret: 'tebakan' },
    { label: 'secret of another length', secret: `${SECRET}-x` },
    { label: 'empty secret', secret: '' },
  ])('$label → 403 in SMSSync format, nothing queued', async ({ secret }) => {
    const form = smsForm({ secret });
    const res = await postForm(form);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ payload: { success: false, error: expect.any(String) } });
    expect(await job(form.message_id)).toBeUndefined();
  });

  test('missing from → 400 in SMSSync format', async () => {
    const { from: _from, ...form } = smsForm();
    const res = await postForm(form);
    expect(res.statusCode).toBe(400);
    expect(res.json().payload.success).toBe(false);
  });

  test('Redis unreachable → 503 with success false (the phone keeps and re-sends it)', async () => {
    const down = await startRig('smsdown', {
      redisUrl: `redis://127.0.0.1:${await freePort()}`,
      database: rig.database,
    });
    try {
      const res = await postForm(smsForm(), down);
      expect(res.statusCode).toBe(503);
      expect(res.json().payload.success).toBe(false);
    } finally {
      await down.close();
    }
  });
});

test('SMSSYNC_SECRET unset → 404 everywhere', async () => {
  const off = await startRig('smsoff', { env: { SMSSYNC_SECRET: undefined }, database: rig.database });
  try {
    expect((await postForm(smsForm(), off)).statusCode).toBe(404);
    expect((await off.app.inject({ method: 'GET', url: `${PATH}?task=send&secret=${SECRET}` })).statusCode).toBe(404);
    expect(
      (await off.app.inject({ method: 'POST', url: `${PATH}?task=sent`, payload: { queued_messages: [] } })).statusCode,
    ).toBe(404);
  } finally {
    await off.close();
  }
});

describe('outbound: task=send and task=sent', () => {
  const logger = createLogger('silent');
  const transports = { smssync: createSmssyncTransport() };

  async function waiting(body: string): Promise<string> {
    const id = (await insertOutbound(rig.database.db, {
      dedupe_key: `gw:${++seq}`,
      purpose: 'reply',
      channel: 'sms',
      transport: 'smssync',
      to_address: '+6281245678901',
      body,
    }))!;
    expect(await processOutbound({ outboundMessageId: id }, { db: rig.database.db, transports, logger })).toBe(
      'queued_for_gateway',
    );
    return id;
  }
  const poll = async (secret = SECRET) => rig.app.inject({ method: 'GET', url: `${PATH}?task=send&secret=${secret}` });
  const confirm = async (uuids: string[], url = `${PATH}?task=sent`) =>
    rig.app.inject({ method: 'POST', url, payload: { queued_messages: uuids } });

  test('handed out once, not again on a second poll, marked sent on confirmation', async () => {
    const a = await waiting('Balasan petugas: tim sudah menuju lokasi.');
    const b = await waiting('Balasan kedua: terima kasih atas laporannya.');
    const first = await poll();
    expect(first.statusCode).toBe(200);
    const payload = first.json().payload;
    expect(payload).toMatchObject({ task: 'send', secret: SECRET });
    expect(payload.messages.map((m: { message: string }) => m.message)).toEqual([
      'Balasan petugas: tim sudah menuju lokasi.',
      'Balasan kedua: terima kasih atas laporannya.',
    ]);
    expect(payload.messages[0].to).toBe('+6281245678901');
    const rowA = (await getOutbound(rig.database.db, a))!;
    expect(payload.messages[0].uuid).toBe(rowA.gateway_uuid);

    // The phone polls again before confirming: nothing is handed out twice.
    expect((await poll()).json().payload.messages).toEqual([]);

    const uuids = payload.messages.map((m: { uuid: string }) => m.uuid);
    const sent = await confirm(uuids);
    expect(sent.statusCode).toBe(200);
    expect(sent.json().message_uuids.sort()).toEqual([...uuids].sort());
    for (const id of [a, b]) expect((await getOutbound(rig.database.db, id))!.state).toBe('sent');
    // Confirming again answers the same, and polling finds nothing.
    expect((await confirm(uuids)).json().message_uuids.sort()).toEqual([...uuids].sort());
    expect((await poll()).json().payload.messages).toEqual([]);
  });

  test('an unconfirmed message is handed out again once its lease ran out (never lost)', async () => {
    const id = await waiting('Pesan yang belum dikonfirmasi');
    const first = (await poll()).json().payload.messages;
    expect(first).toHaveLength(1);
    await rig.database.db
      .updateTable('outbound_messages')
      .set({ gateway_leased_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const again = (await poll()).json().payload.messages;
    expect(again).toEqual(first);
    await confirm([first[0].uuid]);
  });

  test('unknown, malformed and foreign uuids are not confirmed', async () => {
    const res = await confirm(['not-a-uuid', '00000000-0000-4000-8000-000000000000']);
    expect(res.json()).toEqual({ message_uuids: [] });
  });

  test('task=send with a wrong secret → 403; task=sent with a wrong secret → 403', async () => {
    const id = await waiting('Rahasia');
    const refused = await poll('salah');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().payload.success).toBe(false);
    const row = (await getOutbound(rig.database.db, id))!;
    const wrong = await confirm([row.gateway_uuid], `${PATH}?task=sent&secret=salah`);
    expect(wrong.statusCode).toBe(403);
    expect((await getOutbound(rig.database.db, id))!.state).toBe('queued_for_gateway');
    const handed = (await poll()).json().payload.messages;
    expect(
      (
        await confirm(
          handed.map((m: { uuid: string }) => m.uuid),
          `${PATH}?task=sent&secret=${SECRET}`,
        )
      ).json().message_uuids,
    ).toEqual([row.gateway_uuid]);
  });
});

/** POST /webhooks/twilio/status: signed like every Twilio webhook; delivery states only ever move forward. */
import { getOutbound, insertOutbound, setOutboundState } from '../../../src/db/repos/outbound-messages';
import { type ChannelRig, startRig } from '../channel-harness';
import delivered from './fixtures/status-delivered.json';
import { type Form, signed } from './sign';

const URL_ = 'https://halo.example.go.id/webhooks/twilio/status';
let rig: ChannelRig;
beforeAll(async () => {
  rig = await startRig('twstatus');
});
afterAll(async () => {
  await rig.close();
});

let seq = 0;
async function sentRow(): Promise<{ id: string; sid: string }> {
  const sid = `SM${(++seq).toString(16).padStart(32, 'a')}`;
  const id = (await insertOutbound(rig.database.db, {
    dedupe_key: `status:${seq}`,
    purpose: 'ack',
    channel: 'whatsapp',
    transport: 'twilio',
    to_address: '+6281245678901',
    body: 'Terima kasih',
  }))!;
  await setOutboundState(rig.database.db, id, { state: 'sent', providerMessageId: sid });
  return { id, sid };
}

const callback = (sid: string, status: string, extra: Form = {}) => {
  const form: Form = { ...delivered, MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, ...extra };
  return rig.app.inject({ method: 'POST', url: '/webhooks/twilio/status', ...signed(URL_, form) });
};

test.each([
  { label: 'in order', sequence: ['queued', 'sent', 'delivered', 'read'], final: 'read' },
  { label: 'delivered before sent (out of order)', sequence: ['delivered', 'sent', 'queued'], final: 'delivered' },
  { label: 'read before delivered', sequence: ['read', 'delivered'], final: 'read' },
  { label: 'failed, then a late sent', sequence: ['failed', 'sent'], final: 'failed' },
  { label: 'undelivered after sent', sequence: ['sent', 'undelivered'], final: 'undelivered' },
])('$label → $final', async ({ sequence, final }) => {
  const { id, sid } = await sentRow();
  for (const status of sequence) expect((await callback(sid, status)).statusCode).toBe(200);
  expect((await getOutbound(rig.database.db, id))!.state).toBe(final);
});

test('ErrorCode is recorded with a failure', async () => {
  const { id, sid } = await sentRow();
  await callback(sid, 'undelivered', { ErrorCode: '63016' });
  const row = (await getOutbound(rig.database.db, id))!;
  expect(row.state).toBe('undelivered');
  expect(row.error).toContain('63016');
});

test('an unsigned or forged callback changes nothing', async () => {
  const { id, sid } = await sentRow();
  const form: Form = { ...delivered, MessageSid: sid, MessageStatus: 'failed' };
  const forged = await rig.app.inject({
    method: 'POST',
    url: '/webhooks/twilio/status',
    ...signed(URL_, form, 'x'.repeat(32)),
  });
  expect(forged.statusCode).toBe(403);
  const unsigned = await rig.app.inject({
    method: 'POST',
    url: '/webhooks/twilio/status',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
  expect(unsigned.statusCode).toBe(400);
  expect((await getOutbound(rig.database.db, id))!.state).toBe('sent');
});

test('a callback for an unknown message is answered 200 and changes nothing', async () => {
  const res = await callback('SM00000000000000000000000000000000', 'delivered');
  expect(res.statusCode).toBe(200);
});

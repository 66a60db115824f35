/**
 * Forwarding that says why: a failed forward shows the provider's reason in Bahasa Indonesia and offers the
 * stakeholder's other channels; nobody is pre-selected; phones are accepted as people type them.
 */
import { bearer, login, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let id: string;

beforeAll(async () => {
  ws = await startWorkspace('forward-reasons');
  id = await ws.ingest({ text: 'Tawuran antar pemuda di Kel. Tompotikka Kec. Wara, ada yang terluka, tolong segera' });
});
afterAll(async () => ws?.close());

const admin = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  ws.app.inject({ method, url, headers: bearer(ws, 'admin'), payload });

test.each([
  ['0812-3456-7890', '+6281234567890'],
  ['+62 812 3456 7891', '+6281234567891'],
  ['081234567892', '+6281234567892'],
])('a stakeholder phone typed as %s is stored as %s', async (typed, e164) => {
  const res = await admin('POST', '/api/stakeholders', { name: `Polsek ${typed}`, channel: 'sms', phone: typed });
  expect(res.statusCode).toBe(201);
  expect(res.json().phone).toBe(e164);
});

test('a phone that is not one is refused in Bahasa Indonesia; roster phones take the same formats', async () => {
  const bad = await admin('POST', '/api/stakeholders', { name: 'X', channel: 'sms', phone: '12-34' });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toMatch(/^phone: bukan nomor telepon/);
  const duty = await admin('POST', '/api/duty', { name: 'Rina', phone: '0811-4444-555' });
  expect(duty.statusCode).toBe(201);
  expect(duty.json().phone).toBe('+628114444555');
});

test('a failed WhatsApp forward says why and is sent again by SMS', async () => {
  const created = await admin('POST', '/api/stakeholders', {
    name: 'Kodim 1403',
    agency: 'TNI',
    channel: 'whatsapp',
    phone: '0813-5550-0011',
    email: 'piket@kodim.example.id',
    categories: ['konflik_sosial'],
  });
  expect(created.statusCode).toBe(201);
  const stakeholder = created.json();
  const { cookie } = await login(ws, 'operator');
  const before = await ws.app.inject({ url: `/incidents/${id}`, headers: { cookie } });
  // Suggested, but not ticked: forwarding is the operator's decision.
  expect(before.body).toContain('disarankan');
  expect(before.body).not.toMatch(/name="stakeholderIds"[^>]*checked/);

  const sent = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/forwards`,
    headers: bearer(ws, 'operator'),
    payload: { stakeholderIds: [stakeholder.id], note: 'mohon dicek' },
  });
  expect(sent.statusCode).toBe(202);
  // What the Twilio transport records when WhatsApp refuses free text outside the 24-hour window.
  await ws.database.db
    .updateTable('outbound_messages')
    .set({ state: 'failed', error: 'twilio error 63016: outside the whatsapp 24-hour window' })
    .where('purpose', '=', 'forward')
    .execute();
  const page = await ws.app.inject({ url: `/incidents/${id}`, headers: { cookie } });
  const text = page.body.replace(/<[^>]+>/g, '');
  expect(text).toContain('WhatsApp menolak pesan bebas: penerima tidak mengirim pesan ke nomor kantor dalam 24 jam');
  expect(text).toContain('Kirim ulang lewat SMS');
  expect(text).toContain('Kirim ulang lewat Email');
  expect(text).not.toContain('Kirim ulang lewat WhatsApp');

  const again = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/forwards`,
    headers: bearer(ws, 'operator'),
    payload: { stakeholderIds: [stakeholder.id], channel: 'sms', note: 'mohon dicek' },
  });
  expect(again.statusCode).toBe(202);
  const rows = await ws.database.db
    .selectFrom('outbound_messages')
    .select(['channel', 'to_address', 'state'])
    .where('purpose', '=', 'forward')
    .orderBy('id')
    .execute();
  expect(rows).toEqual([
    { channel: 'whatsapp', to_address: '+6281355500011', state: 'failed' },
    { channel: 'sms', to_address: '+6281355500011', state: 'pending' },
  ]);
});

/**
 * "Pesan lain": noise, auto-replies and unreadable messages listed (masked for viewers), and turned into an incident
 * by an operator through the real queue and worker (audited, never twice).
 */
import { sql } from 'kysely';
import type { RawMessage } from '../../src/core/raw-message';
import { waitFor } from '../helpers/wait-for';
import { bearer, login, sms, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let noise: RawMessage;
let unreadable: RawMessage;

async function stored(raw: RawMessage): Promise<string> {
  await ws.queues.addInbound(raw);
  return waitFor(
    async () => {
      const row = await ws.database.db
        .selectFrom('raw_messages')
        .select(['id', 'state'])
        .where('external_id', '=', raw.externalId)
        .executeTakeFirst();
      return row && row.state !== 'received' ? row.id : null;
    },
    { timeoutMs: 20_000, what: `message ${raw.externalId} stored` },
  );
}

beforeAll(async () => {
  ws = await startWorkspace('other_messages', { worker: true });
  noise = sms('Selamat pagi pak, nomor saya 0812 3456 7890 ganti ya', '+6281298765432');
  // The test workspace has no email reader: this message is kept raw as unreadable.
  unreadable = {
    channel: 'email',
    provider: 'imap',
    externalId: '<rusak-1@warga.example>',
    receivedAt: new Date().toISOString(),
    from: 'Rina <rina@warga.example>',
    subject: 'Tawuran di Kel. Tompotikka tadi malam',
    rawSource: Buffer.from('bukan email yang utuh').toString('base64'),
  };
  await stored(noise);
  await stored(unreadable);
}, 40_000);
afterAll(async () => ws?.close());

const list = (role: 'viewer' | 'operator', query = '') =>
  ws.app.inject({ url: `/api/messages/other${query}`, headers: bearer(ws, role) });

test('operators see the messages set aside with their senders; viewers see them masked', async () => {
  const op = (await list('operator')).json().items;
  expect(op.map((m: { kind: string }) => m.kind).sort()).toEqual(['noise', 'unreadable']);
  const n = op.find((m: { kind: string }) => m.kind === 'noise');
  expect(n).toMatchObject({ from: '+6281298765432', channel: 'sms' });
  expect(n.text).toContain('0812 3456 7890');
  const shownAudit = await ws.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'identity.view')
    .where('user_id', '=', ws.staff.operator.user.id)
    .execute();
  expect(shownAudit.some((a) => (a.details as { route: string }).route === 'GET /api/messages/other')).toBe(true);

  const body = (await list('viewer')).body;
  expect(body).not.toContain('98765432');
  expect(body).not.toContain('3456 7890');
  expect(body).not.toContain('rina@warga.example');
  expect(body).not.toContain('Rina');
  const viewerPage = await ws.app.inject({ url: '/messages', headers: { cookie: (await login(ws, 'viewer')).cookie } });
  expect(viewerPage.statusCode).toBe(200);
  expect(viewerPage.body).toContain('Tidak terbaca');
  expect(viewerPage.body).not.toContain('98765432');
  expect(viewerPage.body).not.toContain('Jadikan insiden');

  const only = (await list('operator', '?show=unreadable')).json().items;
  expect(only.map((m: { kind: string }) => m.kind)).toEqual(['unreadable']);
  expect((await list('operator', '?show=spam')).statusCode).toBe(400);
});

test('an operator turns a misread message into an incident, once, audited', async () => {
  const [item] = (await list('operator', '?show=noise')).json().items;
  const convert = (id: string, role: 'operator' | 'viewer' = 'operator') =>
    ws.app.inject({ method: 'POST', url: `/api/messages/${id}/incident`, headers: bearer(ws, role) });
  expect((await convert(item.id, 'viewer')).statusCode).toBe(403);
  const res = await convert(item.id);
  expect(res.statusCode).toBe(201);
  const incident = res.json();
  expect(incident).toMatchObject({ channel: 'sms', reporter: { phone: '+6281298765432' }, messageCount: 1 });
  expect(incident.reference).toMatch(/^HK-/);
  const audit = await ws.database.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('incident_id', '=', incident.id)
    .where('action', 'in', ['message.to_incident', 'incident.create'])
    .execute();
  expect(audit.map((a) => a.action).sort()).toEqual(['incident.create', 'message.to_incident']);
  expect(audit.find((a) => a.action === 'message.to_incident')?.details).toMatchObject({ was: 'noise' });
  // Gone from the list; a second press makes no second incident.
  expect((await list('operator', '?show=noise')).json().items).toEqual([]);
  expect((await convert(item.id)).statusCode).toBe(409);
  const count = await ws.database.db
    .selectFrom('incidents')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  expect(count.n).toBe(1);
  expect((await convert('abc')).statusCode).toBe(400);
  expect((await convert('999999')).statusCode).toBe(404);
});

test('an unreadable message becomes an incident from what it carries as text', async () => {
  const [item] = (await list('operator', '?show=unreadable')).json().items;
  const res = await ws.app.inject({
    method: 'POST',
    url: `/api/messages/${item.id}/incident`,
    headers: bearer(ws, 'operator'),
  });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ channel: 'email', location: { kelurahan: 'Tompotikka' } });
  const raw = await ws.database.db
    .selectFrom('raw_messages')
    .select(['state'])
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  expect(raw.state).toBe('processed');
});

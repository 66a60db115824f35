/**
 * Outgoing webhooks end to end: a report through the real inbound processor, an admin's subscriptions through the
 * API, the dispatcher and a real BullMQ worker, and partners' receivers on loopback that verify every signature.
 */

import { waitFor } from '../helpers/wait-for';
import { bearer, login, startWorkspace, type Workspace } from '../http/workspace-harness';
import { startWebhookSender, type WebhookSender } from './webhook-harness';
import { startReceiver, type WebhookReceiver } from './webhook-receiver';

const REPORTER = '+6281234568901';
let ws: Workspace;
let sender: WebhookSender;
let partner: WebhookReceiver;
let trustedPartner: WebhookReceiver;
let partnerId: string;
let trustedId: string;

const ALL = ['incident.created', 'incident.updated', 'incident.urgent', 'incident.closed', 'forward.answered'];

async function subscribe(body: Record<string, unknown>) {
  return ws.app.inject({ method: 'POST', url: '/api/webhooks', headers: bearer(ws, 'admin'), payload: body });
}

function eventsFor(r: WebhookReceiver, incidentId: string) {
  return r.accepted().filter((x) => x.json.incident.id === incidentId);
}

beforeAll(async () => {
  ws = await startWorkspace('webhooks');
  partner = await startReceiver('rahasia-bpbd-palopo-0123456789');
  trustedPartner = await startReceiver('rahasia-polres-palopo-0123456789');
  const a = await subscribe({ name: 'BPBD', url: partner.url, events: ALL, secret: partner.secret });
  expect(a.statusCode).toBe(201);
  partnerId = a.json().id;
  const b = await subscribe({
    name: 'Polres',
    url: trustedPartner.url,
    events: ALL,
    secret: trustedPartner.secret,
    trusted: true,
  });
  expect(b.statusCode).toBe(201);
  trustedId = b.json().id;
  sender = startWebhookSender(ws, { timeoutMs: 500 });
});
afterAll(async () => {
  await sender?.stop();
  await partner?.close();
  await trustedPartner?.close();
  await ws?.close();
});

test('a new urgent report reaches both partners signed, and the reporter only the trusted one', async () => {
  const id = await ws.ingest({
    text: 'Tawuran antar pemuda pakai parang di Jl. Andi Djemma Kel. Amassangan, ada korban luka. Hubungi saya 0812-3456-8901',
    from: REPORTER,
  });
  await waitFor(() => eventsFor(partner, id).length >= 2 && eventsFor(trustedPartner, id).length >= 2, {
    what: 'created and urgent at both',
  });
  for (const r of [partner, trustedPartner]) {
    const got = eventsFor(r, id);
    expect(got.map((x) => x.json.type).sort()).toEqual(['incident.created', 'incident.urgent']);
    for (const x of got) {
      expect(x.signatureValid).toBe(true);
      expect(x.headers['x-halo-event']).toBe(x.json.type);
      expect(x.headers['x-halo-event-id']).toBe(x.json.id);
      expect(x.headers['content-type']).toBe('application/json');
    }
  }
  // Untrusted: no reporter, no number anywhere in the body (the text's own number is masked), no coordinates.
  for (const x of eventsFor(partner, id)) {
    expect(x.json.incident).not.toHaveProperty('reporter');
    expect(x.body).not.toContain('3456');
    expect(x.body).not.toMatch(/8901.*8901/);
    expect(x.body).not.toContain('1234568901');
  }
  const trusted = eventsFor(trustedPartner, id)[0]!;
  expect(trusted.json.incident.reporter).toEqual(expect.objectContaining({ phone: REPORTER }));
});

test('status changes send updated and closed; the delivery log shows them', async () => {
  const id = await ws.ingest({
    text: 'Ada pesta miras di lorong Jl. Dr. Ratulangi, Kel. Balandai, meresahkan warga',
    from: '+6285211112222',
  });
  await waitFor(() => eventsFor(partner, id).length >= 1, { what: 'created' });
  const patch = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${id}`,
    headers: bearer(ws, 'operator'),
    payload: { status: 'rejected' },
  });
  expect(patch.statusCode).toBe(200);
  await waitFor(() => eventsFor(partner, id).some((x) => x.json.type === 'incident.closed'), { what: 'closed' });
  await waitFor(() => eventsFor(partner, id).some((x) => x.json.type === 'incident.updated'), { what: 'updated' });
  const closed = eventsFor(partner, id).find((x) => x.json.type === 'incident.closed')!;
  expect(closed.json).toEqual(expect.objectContaining({ status: 'rejected' }));
  expect(closed.json.incident.status).toBe('rejected');

  const log = await ws.app.inject({
    method: 'GET',
    url: `/api/webhooks/${partnerId}/deliveries?limit=2`,
    headers: bearer(ws, 'admin'),
  });
  expect(log.statusCode).toBe(200);
  expect(log.json().items).toHaveLength(2);
  expect(log.json().nextCursor).toMatch(/^\d+$/);
  expect(log.json().items[0]).toEqual(expect.objectContaining({ state: 'delivered', attempts: 1, lastStatus: 200 }));
  const next = await ws.app.inject({
    method: 'GET',
    url: `/api/webhooks/${partnerId}/deliveries?limit=2&cursor=${log.json().nextCursor}`,
    headers: bearer(ws, 'admin'),
  });
  expect(Number(next.json().items[0].id)).toBeLessThan(Number(log.json().items[1].id));
});

test('a 5xx and a timeout are retried with the same body; a 4xx is dead at once', async () => {
  partner.script.push(503, 'hang');
  trustedPartner.script.push(410);
  const id = await ws.ingest({
    text: 'Info ada demo mahasiswa besok di depan kantor DPRD Palopo',
    from: '+6285298765432',
  });
  await waitFor(() => eventsFor(partner, id).length >= 1, { what: 'delivered after retries', timeoutMs: 20000 });
  const tries = partner.received.filter((x) => x.json.incident.id === id);
  expect(tries.length).toBe(3);
  expect(new Set(tries.map((x) => x.body)).size).toBe(1);
  expect(tries.every((x) => x.signatureValid)).toBe(true);
  const db = ws.database.db;
  const rows = await waitFor(
    async () => {
      const r = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('event_id', '=', tries[0]!.json.id)
        .execute();
      return r.every((x) => x.state !== 'pending') && r;
    },
    { what: 'final states' },
  );
  const bySub = Object.fromEntries(rows.map((r) => [r.subscription_id, r]));
  expect(bySub[partnerId]).toEqual(expect.objectContaining({ state: 'delivered', attempts: 3, last_status: 200 }));
  expect(bySub[trustedId]).toEqual(expect.objectContaining({ state: 'dead', attempts: 1, last_status: 410 }));
});

test('a receiver that is down never holds up a report, and its deliveries end dead after the last attempt', async () => {
  const down = await startReceiver('rahasia-kominfo-0123456789abcdef');
  const url = down.url;
  await down.close();
  const sub = await subscribe({ name: 'Kominfo', url, events: ['incident.created'], secret: down.secret });
  const id = await ws.ingest({
    text: 'Ada kebakaran rumah warga di Kel. Temmalebba dekat masjid',
    from: '+6285233334444',
  });
  expect(id).toMatch(/^\d+$/);
  const row = await waitFor(
    async () =>
      (await ws.database.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('subscription_id', '=', sub.json().id)
        .where('state', '=', 'dead')
        .executeTakeFirst()) ?? null,
    { what: 'dead delivery', timeoutMs: 20000 },
  );
  expect(row.attempts).toBe(3);
  expect(row.last_error).toBeTruthy();
});

test('subscriptions: secret shown once, changes and deletion, strict validation and roles', async () => {
  const created = await subscribe({ url: 'https://pusdalops.example.go.id/halo', events: ['incident.urgent'] });
  expect(created.statusCode).toBe(201);
  expect(created.json().secret).toMatch(/^whsec_/);
  const id = created.json().id;
  const list = await ws.app.inject({ method: 'GET', url: '/api/webhooks', headers: bearer(ws, 'admin') });
  expect(list.body).not.toContain(created.json().secret);
  expect(list.body).not.toContain(partner.secret);

  const bad = [
    { url: 'ftp://x.example/halo', events: ['incident.created'] },
    { url: 'bukan url', events: ['incident.created'] },
    { url: 'https://x.example/', events: [] },
    { url: 'https://x.example/', events: ['incident.deleted'] },
    { url: 'https://x.example/', events: ['incident.created'], secret: 'pendek' },
    { url: 'https://x.example/', events: ['incident.created'], extra: 1 },
  ];
  for (const payload of bad) {
    const res = await subscribe(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  }
  const patch = await ws.app.inject({
    method: 'PATCH',
    url: `/api/webhooks/${id}`,
    headers: bearer(ws, 'admin'),
    payload: { active: false, trusted: true },
  });
  expect(patch.json()).toEqual(expect.objectContaining({ active: false, trusted: true }));
  expect(patch.json()).not.toHaveProperty('secret');
  for (const url of ['/api/webhooks/abc', '/api/webhooks/1e3/deliveries', '/api/webhooks/99999999']) {
    const method = url.endsWith('deliveries') ? 'GET' : 'DELETE';
    const res = await ws.app.inject({ method, url, headers: bearer(ws, 'admin') });
    expect(res.statusCode).toBe(url.endsWith('99999999') ? 404 : 400);
  }
  const badCursor = await ws.app.inject({
    method: 'GET',
    url: `/api/webhooks/${id}/deliveries?cursor=x`,
    headers: bearer(ws, 'admin'),
  });
  expect(badCursor.statusCode).toBe(400);
  const del = await ws.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: bearer(ws, 'admin') });
  expect(del.statusCode).toBe(204);
  const again = await ws.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: bearer(ws, 'admin') });
  expect(again.statusCode).toBe(404);

  for (const role of ['operator', 'viewer'] as const) {
    const res = await ws.app.inject({ method: 'GET', url: '/api/webhooks', headers: bearer(ws, role) });
    expect(res.statusCode).toBe(403);
  }
  const session = await login(ws, 'admin');
  const noCsrf = await ws.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: { cookie: session.cookie },
    payload: { url: 'https://x.example/', events: ['incident.created'] },
  });
  expect(noCsrf.statusCode).toBe(403);
});

test('a stakeholder answering a forward sends forward.answered', async () => {
  const id = await ws.ingest({
    text: 'Ada sengketa lahan antar warga di Kel. Songka, hampir bentrok',
    from: '+6285255556666',
  });
  const stakeholder = await ws.app.inject({
    method: 'POST',
    url: '/api/stakeholders',
    headers: bearer(ws, 'admin'),
    payload: { name: 'Camat Wara Selatan', channel: 'sms', phone: '+6281355500077' },
  });
  const forward = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/forwards`,
    headers: bearer(ws, 'operator'),
    payload: { stakeholderIds: [stakeholder.json().id] },
  });
  expect(forward.statusCode).toBe(202);
  const reference = (
    await ws.database.db.selectFrom('incidents').select('reference').where('id', '=', id).executeTakeFirstOrThrow()
  ).reference;
  await ws.ingest({ text: `${reference} sudah kami tangani, situasi aman`, from: '+6281355500077' });
  const answered = await waitFor(() => eventsFor(partner, id).find((x) => x.json.type === 'forward.answered'), {
    what: 'forward.answered',
  });
  expect(answered.signatureValid).toBe(true);
  expect(answered.json).toEqual(expect.objectContaining({ answeredAt: expect.any(String) }));
});

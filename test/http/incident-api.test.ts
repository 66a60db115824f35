/** The incident API over real PostgreSQL and Redis: filters, keyset paging, full text, workflow, follow-up, CSV, audit, SSE. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../helpers/wait-for';
import { bearer, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
const ids: Record<string, string> = {};
const op = () => bearer(ws, 'operator');
const get = async (url: string, role: 'admin' | 'operator' | 'viewer' = 'operator') => {
  const res = await ws.app.inject({ url, headers: bearer(ws, role) });
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ws = await startWorkspace('api');
  const at = (h: number) => new Date(Date.UTC(2025, 4, 12, h)).toISOString();
  ids.tawuran = await ws.ingest({
    text: 'Tolong! Ada tawuran antar kelompok pemuda di Jl. Andi Djemma Kel. Amassangan Kec. Wara, sudah ada yang terluka',
    receivedAt: at(1),
  });
  ids.miras = await ws.ingest({
    text: 'Lapor pak, tiap malam ada pesta miras di lorong dekat masjid Kel. Balandai, warga resah',
    from: '+6285211112222',
    receivedAt: at(2),
  });
  ids.hoaks = await ws.ingest({
    text: 'Beredar hoaks di grup WA soal penculikan anak di Kel. Surutanga, bikin panik ibu-ibu',
    from: '+6281377778888',
    receivedAt: at(3),
  });
  ids.demo = await ws.ingest({
    text: 'Info: besok pagi ada unjuk rasa mahasiswa di depan kantor Walikota Palopo',
    from: '+6282199990000',
    receivedAt: at(4),
  });
  ids.banjir = await ws.ingest({
    text: 'Banjir setinggi lutut di Kel. Salekoe Kec. Wara Timur, warga mulai mengungsi',
    from: '+6285200001111',
    receivedAt: at(5),
  });
});
afterAll(async () => ws?.close());

test('the list is newest first and pages by keyset without gaps or repeats', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await get(
      `/api/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual([ids.banjir, ids.demo, ids.hoaks, ids.miras, ids.tawuran]);
});

test.each([
  ['full text, stemmed (indonesian): "terlukanya" finds "terluka"', 'q=terlukanya', ['tawuran']],
  ["full text over the reporter's words", 'q=penculikan', ['hoaks']],
  ['full text with two words', 'q=pesta%20miras', ['miras']],
  [
    'kecamatan by name, any case (Salekoe and Surutanga lie in Wara Timur)',
    'kecamatan=wara%20timur',
    ['banjir', 'hoaks'],
  ],
  ['category list', 'category=bencana,konflik_sosial', ['banjir', 'tawuran']],
  ['channel', 'channel=email', []],
  ['until a date (whole local day)', 'until=2025-05-12', ['banjir', 'demo', 'hoaks', 'miras', 'tawuran']],
  ['since an instant', 'since=2025-05-12T03:00:00Z', ['banjir', 'demo', 'hoaks']],
  ['since and until', 'since=2025-05-12T02:00:00Z&until=2025-05-12T03:00:00Z', ['hoaks', 'miras']],
])('filter: %s', async (_label, query, expected) => {
  const page = await get(`/api/incidents?${query}`);
  expect(page.items.map((i: { id: string }) => i.id)).toEqual(expected.map((k) => ids[k]));
});

test("full text finds a report by its first message once and by the reporter's follow-up", async () => {
  const text = 'Ada sengketa batas kebun kakao antara dua keluarga di Kel. Battang, hampir ribut';
  const id = await ws.ingest({ text, from: '+6285233334444' });
  const { reference } = await get(`/api/incidents/${id}`);
  const followUp = await ws.ingest({
    text: `${reference} tambahan: pihak kedua membawa parang`,
    from: '+6285233334444',
  });
  expect(followUp).toBe(id);
  const found = await get('/api/incidents?q=parang');
  expect(found.items.map((i: { id: string }) => i.id)).toEqual([id]);
  // The first message is in the search text once (the insert carries it; the trigger does not append it again).
  const row = await ws.database.db
    .selectFrom('incidents')
    .select('search_text')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row.search_text.split('kakao')).toHaveLength(2);
  expect(row.search_text).toContain('membawa parang');
});

test('kecamatan by code, priority and status filters agree with the rows', async () => {
  const wara = await get('/api/incidents?kecamatan=73.73.01');
  expect(wara.items.length).toBeGreaterThan(0);
  for (const i of wara.items) expect(i.location.kecamatanCode).toBe('73.73.01');
  const urgent = await get('/api/incidents?priority=urgent,high&status=new');
  for (const i of urgent.items) expect(['urgent', 'high']).toContain(i.priority);
});

test.each([
  ['status=open', 'bad_filter'],
  ['limit=0', 'bad_limit'],
  ['since=yesterday', 'bad_filter'],
  ['cursor=abc', 'bad_cursor'],
])('a bad query (%s) is a 400 with a code', async (query, code) => {
  const res = await ws.app.inject({ url: `/api/incidents?${query}`, headers: op() });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe(code);
});

test('status workflow: impossible moves are 409, the path new → verified → in_progress → resolved works', async () => {
  const patch = (payload: object) =>
    ws.app.inject({ method: 'PATCH', url: `/api/incidents/${ids.miras}`, headers: op(), payload });
  expect((await patch({ status: 'resolved' })).statusCode).toBe(409);
  for (const status of ['verified', 'in_progress', 'resolved']) expect((await patch({ status })).statusCode).toBe(200);
  expect((await patch({ status: 'verified' })).statusCode).toBe(409);
  const detail = await get(`/api/incidents/${ids.miras}`);
  expect(detail.history.filter((h: { kind: string }) => h.kind === 'status').map((h: { to: string }) => h.to)).toEqual([
    'verified',
    'in_progress',
    'resolved',
  ]);
});

test('corrections are kept apart from the machine reading, with gazetteer names filled in', async () => {
  const res = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${ids.demo}`,
    headers: op(),
    payload: {
      category: 'politik_pemilu',
      priority: 'low',
      location: { kelurahanCode: '73.73.01.1003', rt: '002', rw: '4', street: 'Jl. Andi Djemma' },
      assigneeId: ws.staff.operator.user.id,
    },
  });
  expect(res.statusCode).toBe(200);
  const row = await ws.database.db
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', ids.demo!)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({
    kelurahan: 'Ammasangan',
    kecamatan: 'Wara',
    kecamatan_code: '73.73.01',
    rt: '2',
    rw: '4',
    priority: 'low',
    category: 'politik_pemilu',
  });
  expect(Object.keys(row.corrections).sort()).toEqual(['category', 'location', 'priority']);
  expect((row.machine as { location: unknown }).location).not.toBeUndefined();
  const bad = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${ids.demo}`,
    headers: op(),
    payload: { location: { kelurahanCode: '99.99.99.9999' } },
  });
  expect(bad.statusCode).toBe(400);
  const viewerAssignee = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${ids.demo}`,
    headers: op(),
    payload: { assigneeId: ws.staff.viewer.user.id },
  });
  expect(viewerAssignee.statusCode).toBe(400);
});

test("a reply becomes an outbox row on the reporter's transport, a queued job and an out message with its delivery state", async () => {
  const res = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${ids.hoaks}/replies`,
    headers: op(),
    payload: { text: 'Terima kasih, kami cek bersama Polres.' },
  });
  expect(res.statusCode).toBe(202);
  const { outboundMessageId } = res.json();
  const row = await ws.database.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('id', '=', outboundMessageId)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({
    purpose: 'reply',
    channel: 'sms',
    transport: 'smssync',
    to_address: '+6281377778888',
    state: 'pending',
  });
  expect(await ws.queues.outbound.getJob(`out-${outboundMessageId}`)).toBeTruthy();
  await ws.database.db
    .updateTable('outbound_messages')
    .set({ state: 'delivered' })
    .where('id', '=', outboundMessageId)
    .execute();
  const detail = await get(`/api/incidents/${ids.hoaks}`);
  const out = detail.messages.filter(
    (m: { direction: string; purpose: string }) => m.direction === 'out' && m.purpose === 'reply',
  );
  expect(out).toEqual([
    expect.objectContaining({ body: 'Terima kasih, kami cek bersama Polres.', deliveryState: 'delivered' }),
  ]);
  expect(detail.messages[0].direction).toBe('in');
});

test('notes, duplicate decisions and merge', async () => {
  const dup = await ws.ingest({
    text: 'Tawuran lagi di Jl. Andi Djemma Kel. Amassangan Kec. Wara, pemuda saling lempar batu',
    from: '+6285233334444',
  });
  const note = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${dup}/notes`,
    headers: op(),
    payload: { text: 'koordinasi dengan Babinsa' },
  });
  expect(note.statusCode).toBe(201);
  expect(
    (
      await ws.app.inject({
        method: 'PATCH',
        url: `/api/incidents/${dup}`,
        headers: op(),
        payload: { duplicateOf: dup },
      })
    ).statusCode,
  ).toBe(409);
  const merge = await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${dup}/merge`,
    headers: op(),
    payload: { into: ids.tawuran },
  });
  expect(merge.statusCode).toBe(200);
  expect(merge.json().messagesMoved).toBe(1);
  const survivor = await get(`/api/incidents/${ids.tawuran}`);
  expect(survivor.messages.filter((m: { direction: string }) => m.direction === 'in')).toHaveLength(2);
  const merged = await get(`/api/incidents/${dup}`);
  expect(merged).toMatchObject({ duplicateOf: ids.tawuran, status: 'resolved', messageCount: 0 });
  expect(merged.notes).toEqual([expect.objectContaining({ text: 'koordinasi dengan Babinsa' })]);
  // The merged incident's page links the survivor by the reference code staff know it by.
  const login = await ws.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'operator@kesbang.test', password: 'kata-sandi-uji-123' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const page = await ws.app.inject({ url: `/incidents/${dup}`, headers: { cookie } });
  expect(page.body).toContain(`duplikat dari <a href="/incidents/${ids.tawuran}">${survivor.reference}</a>`);
  // The survivor is found by the merged message's words too.
  const found = await get('/api/incidents?q=lempar%20batu');
  expect(found.items.map((i: { id: string }) => i.id)).toContain(ids.tawuran);
});

test('viewers never see identities: list, detail, thread, CSV, HTML', async () => {
  const list = await get('/api/incidents', 'viewer');
  const text = JSON.stringify(list);
  expect(text).not.toMatch(/\+62\d{9,}/);
  expect(list.items.find((i: { id: string }) => i.id === ids.miras).reporter.phone).toBe('+62852****2222');
  const detail = JSON.stringify(await get(`/api/incidents/${ids.hoaks}`, 'viewer'));
  expect(detail).not.toContain('+6281377778888');
  expect(detail).toContain('+62813****8888');
  const csv = await ws.app.inject({ url: '/api/incidents.csv', headers: bearer(ws, 'viewer') });
  expect(csv.body).not.toMatch(/\+62\d{9,}/);
  const viewer = await ws.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'viewer@kesbang.test', password: 'kata-sandi-uji-123' },
  });
  const cookie = String(viewer.headers['set-cookie']).split(';')[0]!;
  const page = await ws.app.inject({ url: `/incidents/${ids.hoaks}`, headers: { cookie } });
  expect(page.statusCode).toBe(200);
  expect(page.body).not.toContain('+6281377778888');
  expect(page.body).toContain('+62813****8888');
});

test('CSV: BOM, header, RFC 4180 quoting, one row per match, the export audited', async () => {
  await ws.ingest({
    text: 'Ada spanduk "provokatif", isinya: ajakan bentrok; di Kel. Tompotikka\nmohon ditertibkan',
    from: '+6285255556666',
  });
  const res = await ws.app.inject({ url: '/api/incidents.csv?q=spanduk', headers: op() });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const body = res.body.replace(/^\uFEFF/, '');
  expect(body.startsWith('Kode;Diterima;Status;')).toBe(true);
  expect(body).toContain('"Ada spanduk ""provokatif"", isinya: ajakan bentrok; di Kel. Tompotikka mohon ditertibkan"');
  expect(body.split('\r\n').filter(Boolean)).toHaveLength(2);
  const audit = await ws.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'incidents.export')
    .execute();
  expect(audit.length).toBeGreaterThan(0);
});

test('audit log: changes, replies and identity views are recorded and readable by admins', async () => {
  const { items } = await get('/api/audit?limit=200', 'admin');
  const actions = new Set(items.map((a: { action: string }) => a.action));
  for (const action of [
    'incident.change',
    'incident.reply',
    'incident.note',
    'incident.merge',
    'identity.view',
    'incidents.export',
  ]) {
    expect(actions).toContain(action);
  }
  const before = (await get('/api/audit?limit=200', 'admin')).items.filter(
    (a: { action: string }) => a.action === 'identity.view',
  ).length;
  await get('/api/incidents', 'viewer');
  const after = (await get('/api/audit?limit=200', 'admin')).items.filter(
    (a: { action: string }) => a.action === 'identity.view',
  ).length;
  // Masked responses show no identity, so they are not identity views (the admin's own audit reads show none either).
  expect(after).toBe(before);
});

test('SSE: a change publishes `event: incident` with the Incident JSON', async () => {
  const address = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ws.app.server.address() as AddressInfo;
  expect(address).toContain(String(port));
  const chunks: string[] = [];
  const req = http.get({ host: '127.0.0.1', port, path: '/api/incidents/stream', headers: bearer(ws, 'viewer') });
  const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
  expect(res.headers['content-type']).toContain('text/event-stream');
  res.setEncoding('utf8');
  res.on('data', (c: string) => chunks.push(c));
  await waitFor(() => chunks.join('').includes('retry:'), { what: 'stream open' });
  // Subscriptions settle asynchronously on Redis: publish until one arrives.
  await waitFor(
    async () => {
      await ws.app.inject({
        method: 'POST',
        url: `/api/incidents/${ids.banjir}/notes`,
        headers: op(),
        payload: { text: 'tim BPBD sudah di lokasi' },
      });
      return chunks.join('').includes('event: incident');
    },
    { what: 'incident event', intervalMs: 300 },
  );
  const event = chunks
    .join('')
    .split('\n\n')
    .find((e) => e.startsWith('event: incident'))!;
  const data = JSON.parse(
    event
      .split('\n')
      .find((l) => l.startsWith('data: '))!
      .slice(6),
  );
  expect(data).toMatchObject({ id: ids.banjir, reference: expect.stringMatching(/^HK-/) });
  expect(data.reporter.phone).toBe('+62852****1111');
  req.destroy();
});

test('SSE: a burst of changes reaches an operator once per incident, in the order heard, audited together', async () => {
  const { port } = ws.app.server.address() as AddressInfo;
  const chunks: string[] = [];
  const req = http.get({ host: '127.0.0.1', port, path: '/api/incidents/stream', headers: op() });
  const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
  res.setEncoding('utf8');
  res.on('data', (c: string) => chunks.push(c));
  await waitFor(() => chunks.join('').includes('retry:'), { what: 'stream open' });
  const events = () =>
    chunks
      .join('')
      .split('\n\n')
      .filter((e) => e.startsWith('event: incident'))
      .map((e) =>
        e
          .split('\n')
          .find((l) => l.startsWith('id: '))!
          .slice(4),
      );
  // The notifications that open the subscription may still be arriving later: they are not part of the burst.
  const burst = () => events().filter((id) => id !== ids.tawuran);
  await waitFor(
    () => {
      ws.events.publish(ids.tawuran!);
      return events().length > 0;
    },
    { what: 'subscription', intervalMs: 300 },
  );
  chunks.length = 0;
  const auditBefore = await ws.database.db.selectFrom('audit_log').select('id').execute();
  // Five notifications at once, one incident twice: three incidents come out, in the order first heard.
  for (const id of [ids.miras, ids.hoaks, ids.miras, ids.demo, ids.hoaks]) ws.events.publish(id!);
  await waitFor(() => burst().length >= 3, { what: 'three events' });
  await new Promise((r) => setTimeout(r, 300));
  expect(burst()).toEqual([ids.miras, ids.hoaks, ids.demo]);
  // The operator saw identities: the audit log says which incidents, in as few entries as the stream sent batches.
  const audit = await ws.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'identity.view')
    .where('id', 'not in', auditBefore.length ? auditBefore.map((a) => a.id) : ['0'])
    .execute();
  const shown = audit
    .flatMap((a) => (a.details as { incidentIds: string[] }).incidentIds)
    .filter((id) => id !== ids.tawuran);
  expect(new Set(shown)).toEqual(new Set([ids.miras, ids.hoaks, ids.demo]));
  req.destroy();
});

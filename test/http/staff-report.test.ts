/**
 * Reports taken by phone or at the desk (`POST /api/incidents`): through the real inbound queue and worker, with the
 * same rules as any message: one incident per submission id, threading by reference code, possible duplicates,
 * deadlines, on-duty alerts for urgent reports, the reference code by SMS only when staff ask for it.
 */
import { randomUUID } from 'node:crypto';
import { insertDuty } from '../../src/db/repos/duty-roster';
import { bearer, login, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('staff_report', { worker: true });
  await insertDuty(ws.database.db, {
    name: 'Andi',
    phone: '+6281200000001',
    whatsapp: null,
    email: null,
    channel: 'sms',
    days: [],
    from: null,
    to: null,
  });
}, 30_000);
afterAll(async () => ws?.close());

const post = (payload: object, role: 'operator' | 'viewer' | 'admin' = 'operator') =>
  ws.app.inject({ method: 'POST', url: '/api/incidents', headers: bearer(ws, role), payload });

function report(over: Record<string, unknown> = {}) {
  return { submissionId: randomUUID(), channel: 'phone', text: 'Ada keributan warga di Kel. Balandai', ...over };
}

test('while staff type, the preview shows what the normalizer reads', async () => {
  const res = await ws.app.inject({
    method: 'POST',
    url: '/api/incidents/preview',
    headers: bearer(ws, 'operator'),
    payload: { text: 'Tawuran pemuda sekarang di RT 03 RW 02 Kel. Tompotikka, ada yang luka, tolong segera' },
  });
  expect(res.statusCode).toBe(200);
  const { reading } = res.json();
  expect(reading.category).toBe('konflik_sosial');
  expect(reading.priority).toBe('urgent');
  expect(reading.location).toMatchObject({ kelurahan: 'Tompotikka', rt: '3', rw: '2' });
  // The preview stores nothing.
  const stored = await ws.database.db.selectFrom('raw_messages').select('id').execute();
  expect(stored).toHaveLength(0);
});

test('an urgent phone report: stored once for a double click, alerts the person on duty, code by SMS', async () => {
  const body = report({
    text: 'Tawuran pemuda sekarang di RT 03 RW 02 Kel. Tompotikka, ada yang luka, tolong segera',
    reporterPhone: '0812 4455 6677',
    reporterName: 'Pak Rahman',
    sendCode: true,
  });
  const [first, second] = await Promise.all([post(body), post(body)]);
  expect(first.statusCode).toBe(201);
  expect(second.statusCode).toBe(201);
  const incident = first.json();
  expect(second.json().id).toBe(incident.id);
  expect(incident).toMatchObject({
    channel: 'phone',
    priority: 'urgent',
    category: 'konflik_sosial',
    reporter: { phone: '+6281244556677', name: 'Pak Rahman' },
    location: { kelurahan: 'Tompotikka', rt: '3', rw: '2' },
  });
  expect(incident.reference).toMatch(/^HK-/);
  expect(incident.dueAt).not.toBeNull();
  // As GET shows it.
  const got = await ws.app.inject({ url: `/api/incidents/${incident.id}`, headers: bearer(ws, 'operator') });
  expect(got.json()).toEqual(incident);

  const db = ws.database.db;
  const raws = await db.selectFrom('raw_messages').selectAll().where('external_id', '=', body.submissionId).execute();
  expect(raws).toHaveLength(1);
  expect(raws[0]).toMatchObject({ channel: 'phone', provider: 'staff', state: 'processed' });
  const out = await db
    .selectFrom('outbound_messages')
    .select(['purpose', 'channel', 'transport', 'to_address', 'body'])
    .where('incident_id', '=', incident.id)
    .orderBy('id')
    .execute();
  expect(out.find((o) => o.purpose === 'ack')).toMatchObject({
    channel: 'sms',
    transport: 'smssync',
    to_address: '+6281244556677',
  });
  expect(out.find((o) => o.purpose === 'ack')?.body).toContain(incident.reference);
  expect(out.find((o) => o.purpose === 'alert')).toMatchObject({ channel: 'sms', to_address: '+6281200000001' });
  const audit = await db
    .selectFrom('audit_log')
    .select(['action', 'user_id'])
    .where('incident_id', '=', incident.id)
    .where('action', '=', 'incident.create')
    .execute();
  expect(audit).toEqual([{ action: 'incident.create', user_id: ws.staff.operator.user.id }]);
});

test('fields staff changed replace the reading and are kept as corrections; no SMS unless asked', async () => {
  const res = await post(
    report({
      channel: 'walk_in',
      text: 'Warga datang melapor ada orang asing menginap lama di rumah kos dekat pasar',
      reporterPhone: '+62 813 1111 2222',
      category: 'orang_asing',
      priority: 'high',
      location: { kelurahanCode: '73.73.01.1001', rt: '004', rw: '1' },
    }),
  );
  expect(res.statusCode).toBe(201);
  const incident = res.json();
  expect(incident).toMatchObject({ channel: 'walk_in', category: 'orang_asing', priority: 'high' });
  expect(incident.location).toMatchObject({ kelurahanCode: '73.73.01.1001', rt: '4', rw: '1' });
  expect(incident.location.kelurahan).toBeTruthy();
  expect(Object.keys(incident.corrections).sort()).toEqual(['category', 'location', 'priority']);
  const acks = await ws.database.db
    .selectFrom('outbound_messages')
    .select('id')
    .where('incident_id', '=', incident.id)
    .where('purpose', '=', 'ack')
    .execute();
  expect(acks).toHaveLength(0);
});

test('a call about an earlier report joins its thread; a second report of the same place is a possible duplicate', async () => {
  const firstRes = await post(report({ text: 'Pesta miras di lorong dekat pasar Kel. Balandai, warga resah' }));
  const first = firstRes.json();
  const again = await post(report({ text: `Pelapor menelepon lagi soal ${first.reference}, pesta masih berlangsung` }));
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ id: first.id, messageCount: 2 });
  const other = await post(report({ text: 'Ada pesta miras lagi di Kel. Balandai, tolong ditertibkan' }));
  expect(other.statusCode).toBe(201);
  expect(other.json().possibleDuplicateOf).toBe(first.id);
});

test('phone reports are found by the channel filter and labelled in the CSV', async () => {
  const list = await ws.app.inject({ url: '/api/incidents?channel=phone', headers: bearer(ws, 'operator') });
  expect(list.statusCode).toBe(200);
  expect(list.json().items.length).toBeGreaterThan(0);
  expect(list.json().items.every((i: { channel: string }) => i.channel === 'phone')).toBe(true);
  const walkIn = await ws.app.inject({ url: '/api/incidents?channel=walk_in', headers: bearer(ws, 'operator') });
  expect(walkIn.json().items.map((i: { channel: string }) => i.channel)).toEqual(['walk_in']);
  const csv = await ws.app.inject({ url: '/api/incidents.csv?channel=walk_in', headers: bearer(ws, 'operator') });
  expect(csv.body).toContain('Datang langsung');
});

test.each([
  [{ channel: 'sms' }, 'channel'],
  [{ text: '   ' }, 'text'],
  [{ reporterPhone: 'nomor saya' }, 'reporterPhone'],
  [{ sendCode: true }, 'sendCode'],
  [{ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'receivedAt'],
  [{ receivedAt: 'kemarin' }, 'receivedAt'],
  [{ submissionId: 'x' }, 'submissionId'],
  [{ location: { kelurahanCode: '99.99.99.9999' } }, 'location.kelurahanCode'],
  [{ location: { rt: 'tiga' } }, 'location.rt'],
  [{ priority: 'sangat' }, 'priority'],
  [{ extra: 1 }, ''],
])('refused with 400 naming the field: %j', async (over, field) => {
  const res = await post(report(over));
  expect(res.statusCode).toBe(400);
  expect(res.json().error.message).toContain(field);
});

test('viewers cannot record reports; the page is for operators', async () => {
  expect((await post(report(), 'viewer')).statusCode).toBe(403);
  const viewer = await login(ws, 'viewer');
  const page = await ws.app.inject({ url: '/incidents/new', headers: { cookie: viewer.cookie } });
  expect(page.statusCode).toBe(403);
  const operator = await login(ws, 'operator');
  const ok = await ws.app.inject({ url: '/incidents/new', headers: { cookie: operator.cookie } });
  expect(ok.statusCode).toBe(200);
  expect(ok.body).toContain('Catat laporan');
});

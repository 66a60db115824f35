/**
 * Threads by conversation (docs/conversations.md), through the real inbound processor, normalizer and database:
 * what joins, what does not, what a follow-up may change on its incident and what it never touches.
 */
import { loadIncidentDetail } from '../../src/workspace/incident-detail';
import { startWorkspace, type Workspace } from '../http/workspace-harness';

let ws: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('threads');
});
afterAll(async () => ws?.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const incident = (id: string) =>
  ws.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
let phone = 0;
const nextPhone = () => {
  phone += 1;
  return `+628129990${String(phone).padStart(4, '0')}`;
};

test('a follow-up raises the priority (never lowers it) and fills an empty place and time, as the system', async () => {
  const from = nextPhone();
  const id = await ws.ingest({
    text: 'Ada pesta miras anak muda di lorong dekat rumah saya',
    from,
    receivedAt: minutesAgo(30),
  });
  expect(await incident(id)).toMatchObject({ priority: 'normal', kelurahan_code: null, occurred_at: null });

  const same = await ws.ingest({ text: 'mereka skrg bawa parang, tadi jam 9 malam, di Kel. Balandai', from });
  expect(same).toBe(id);
  const after = await incident(id);
  expect(after.priority).not.toBe('normal');
  expect(['high', 'urgent']).toContain(after.priority);
  expect(after.kelurahan).toBe('Balandai');
  expect(after.occurred_at).not.toBeNull();
  const detail = await loadIncidentDetail(ws.database.db, id, 'operator');
  const system = detail!.history.filter((h) => h.kind.startsWith('followup.'));
  expect(system.map((h) => [h.kind, h.user])).toEqual([
    ['followup.priority', null],
    ['followup.location', null],
    ['followup.time', null],
  ]);

  // A calmer follow-up lowers nothing.
  await ws.ingest({ text: 'skrg sdh agak tenang pak', from });
  expect((await incident(id)).priority).toBe(after.priority);
});

test('staff corrections are never overwritten by a follow-up', async () => {
  const from = nextPhone();
  const id = await ws.ingest({ text: 'Ada pesta miras di lorong Jl. Dr. Ratulangi, meresahkan warga', from });
  const res = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${id}`,
    headers: { authorization: `Bearer ${ws.staff.operator.token}` },
    payload: { priority: 'low', location: { street: 'Jl. Kakatua' } },
  });
  expect(res.statusCode).toBe(200);
  expect(await ws.ingest({ text: 'skrg mereka bawa parang, di Kel. Balandai', from })).toBe(id);
  expect(await incident(id)).toMatchObject({ priority: 'low', kelurahan_code: null, street: 'Jl. Kakatua' });
});

test.each([
  ['"laporan baru"', 'Laporan baru pak, ada warga mabuk ballo di pos ronda'],
  ['another place', 'ada juga pesta miras di Kel. Ponjalae'],
  ['another kind of event with a strong signal', 'Ada kebakaran rumah warga, api sdh besar'],
])('a message that clearly reports something else (%s) opens its own incident', async (_label, text) => {
  const from = nextPhone();
  const first = await ws.ingest({ text: 'Ada pesta miras di lorong Kel. Balandai, meresahkan warga', from });
  const second = await ws.ingest({ text, from });
  expect(second).not.toBe(first);
  expect((await incident(first)).message_count).toBe(1);
});

test('after the window (12 hours by default) or once the incident is closed, a message opens a new incident', async () => {
  const from = nextPhone();
  const old = await ws.ingest({
    text: 'Ada pesta miras di lorong Kel. Balandai',
    from,
    receivedAt: minutesAgo(13 * 60),
  });
  const fresh = await ws.ingest({ text: 'mereka bawa parang dan mengancam warga', from });
  expect(fresh).not.toBe(old);

  const res = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${fresh}`,
    headers: { authorization: `Bearer ${ws.staff.operator.token}` },
    payload: { status: 'rejected' },
  });
  expect(res.statusCode).toBe(200);
  expect(await ws.ingest({ text: 'sekarang ada yang terluka', from })).not.toBe(fresh);
});

test('the incident page shows staff why a message joined, the split button to operators only, no number to viewers', async () => {
  const from = '+6281299998888';
  const id = await ws.ingest({
    text: 'Ada tawuran pemuda di Kel. Ponjalae, saling lempar batu',
    from,
    receivedAt: minutesAgo(7),
  });
  await ws.ingest({ text: 'skrg sdh 3 org luka, polisi blm datang', from });
  const page = async (role: 'operator' | 'viewer') =>
    (
      await ws.app.inject({
        url: `/incidents/${id}`,
        headers: { authorization: `Bearer ${ws.staff[role].token}` },
      })
    ).body;
  const operator = await page('operator');
  expect(operator).toContain(
    'Masuk ke insiden ini karena pesan lanjutan dari pelapor yang sama, 7 menit setelah laporan.',
  );
  expect(operator).toContain('Pisahkan jadi insiden baru');
  const viewer = await page('viewer');
  expect(viewer).toContain('pesan lanjutan dari pelapor yang sama, 7 menit setelah laporan');
  expect(viewer).not.toContain('Pisahkan jadi insiden baru');
  expect(viewer).not.toContain('99998888');
});

/**
 * The role × route matrix: every state-changing route refuses a request without credentials (401), with a role
 * below the one it needs (403), and a session-cookie request without the X-CSRF-Token header (403); a Bearer token
 * of the right role needs no CSRF token.
 */
import { randomUUID } from 'node:crypto';
import { insertReporter } from '../../src/db/repos/reporters';
import type { StaffRole } from '../../src/db/repos/users';
import { bearer, login, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let incidentA: string;
let incidentB: string;
/** A follow-up that joined incidentA's thread: what the split route splits out. */
let followUpMessage: string;
let reporterId: string;
const sessions = {} as Record<StaffRole, { cookie: string; csrf: string }>;

// Three logins (password hashing) and three messages through the processor: slow on a busy machine.
beforeAll(async () => {
  ws = await startWorkspace('matrix', { worker: true });
  incidentA = await ws.ingest({
    text: 'Ada pesta miras di lorong Jl. Dr. Ratulangi, Kel. Balandai, meresahkan warga',
    from: '+6285211113333',
  });
  expect(await ws.ingest({ text: 'skrg mereka makin ramai pak', from: '+6285211113333' })).toBe(incidentA);
  const joined = await ws.database.db
    .selectFrom('incident_messages')
    .select('id')
    .where('incident_id', '=', incidentA)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  followUpMessage = joined.id;
  incidentB = await ws.ingest({
    text: 'Info ada demo mahasiswa besok di depan kantor DPRD Palopo',
    from: '+6285298765432',
  });
  for (const role of ['admin', 'operator', 'viewer'] as const) sessions[role] = await login(ws, role);
  const reporter = await insertReporter(ws.database.db, {
    name: 'Ketua RT',
    phone: '+6281355500001',
    role: 'ketua_rt',
    kecamatan: 'Wara Timur',
    kecamatanCode: '73.73.05',
    kelurahan: 'Ponjalae',
    kelurahanCode: '73.73.05.1001',
    rt: '2',
    rw: '1',
  });
  reporterId = reporter!.id;
}, 120_000);
afterAll(async () => ws?.close());

interface Case {
  label: string;
  method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: () => string;
  payload?: () => unknown;
  /** The lowest role allowed. */
  needs: 'operator' | 'admin' | 'viewer';
  /** The status a successful call answers. */
  ok: number;
}

const cases: Case[] = [
  {
    label: 'change status',
    method: 'PATCH',
    url: () => `/api/incidents/${incidentA}`,
    payload: () => ({ priority: 'high' }),
    needs: 'operator',
    ok: 200,
  },
  {
    label: 'add note',
    method: 'POST',
    url: () => `/api/incidents/${incidentA}/notes`,
    payload: () => ({ text: 'cek ke lurah' }),
    needs: 'operator',
    ok: 201,
  },
  {
    label: 'reply',
    method: 'POST',
    url: () => `/api/incidents/${incidentA}/replies`,
    payload: () => ({ text: 'Terima kasih, petugas menuju lokasi.' }),
    needs: 'operator',
    ok: 202,
  },
  {
    label: 'merge',
    method: 'POST',
    url: () => `/api/incidents/${incidentB}/merge`,
    payload: () => ({ into: incidentA }),
    needs: 'operator',
    ok: 200,
  },
  {
    label: 'split a message out',
    method: 'POST',
    url: () => `/api/incidents/${incidentA}/messages/${followUpMessage}/split`,
    payload: () => ({}),
    needs: 'operator',
    ok: 201,
  },
  {
    label: 'record a phone report',
    method: 'POST',
    url: () => '/api/incidents',
    payload: () => ({ submissionId: randomUUID(), channel: 'phone', text: 'Ada keributan di Kel. Balandai' }),
    needs: 'operator',
    ok: 201,
  },
  {
    label: 'preview the reading of a report',
    method: 'POST',
    url: () => '/api/incidents/preview',
    payload: () => ({ text: 'Ada keributan di Kel. Balandai' }),
    needs: 'operator',
    ok: 200,
  },
  {
    label: 'turn a stored message into an incident',
    method: 'POST',
    url: () => '/api/messages/999999/incident',
    needs: 'operator',
    ok: 404,
  },
  {
    label: 'preview a settings template',
    method: 'POST',
    url: () => '/api/settings/preview',
    payload: () => ({ text: 'Kode {reference}' }),
    needs: 'admin',
    ok: 200,
  },
  {
    label: 'create stakeholder',
    method: 'POST',
    url: () => '/api/stakeholders',
    payload: () => ({ name: 'Polres Palopo', agency: 'Polri', channel: 'sms', phone: '+6281355500011' }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'change settings',
    method: 'PUT',
    url: () => '/api/settings',
    payload: () => ({ duplicateWindowHours: 8 }),
    needs: 'admin',
    ok: 200,
  },
  {
    label: 'add user',
    method: 'POST',
    url: () => '/api/users',
    payload: () => ({ email: 'baru@kesbang.test', name: 'Baru', role: 'viewer', password: 'sandi-yang-baru-1' }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'change user',
    method: 'PATCH',
    url: () => `/api/users/${ws.staff.viewer.user.id}`,
    payload: () => ({ name: 'Pemantau Satu' }),
    needs: 'admin',
    ok: 200,
  },
  {
    label: 'create API token',
    method: 'POST',
    url: () => '/api/tokens',
    payload: () => ({ userId: ws.staff.viewer.user.id, name: 'matriks' }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'revoke API token',
    method: 'DELETE',
    url: () => '/api/tokens/999999',
    needs: 'admin',
    ok: 404,
  },
  {
    // A wrong current password answers 400 once the caller is let through (no password actually changes here).
    label: 'change own password',
    method: 'POST',
    url: () => '/api/session/password',
    payload: () => ({ currentPassword: 'bukan-sandinya-1', newPassword: 'sandi-yang-baru-2' }),
    needs: 'viewer',
    ok: 400,
  },
  {
    label: 'register a reporter',
    method: 'POST',
    url: () => '/api/reporters',
    payload: () => ({ name: 'Ibu Lurah', phone: '081355500002', role: 'lurah', kelurahan: 'Balandai' }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'switch a reporter off',
    method: 'PATCH',
    url: () => `/api/reporters/${reporterId}`,
    payload: () => ({ active: false }),
    needs: 'admin',
    ok: 200,
  },
  {
    label: "end a reporter's app sessions",
    method: 'DELETE',
    url: () => `/api/reporters/${reporterId}/sessions`,
    needs: 'admin',
    ok: 200,
  },
  {
    label: 'retry dead letter',
    method: 'POST',
    url: () => '/api/dead-letters/inbound:in-sms-missing/retry',
    needs: 'admin',
    ok: 404,
  },
  {
    label: 'subscribe a webhook',
    method: 'POST',
    url: () => '/api/webhooks',
    payload: () => ({ url: 'https://bpbd.example.go.id/halo', events: ['incident.created'] }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'change a webhook',
    method: 'PATCH',
    url: () => '/api/webhooks/999999',
    payload: () => ({ active: false }),
    needs: 'admin',
    ok: 404,
  },
  {
    label: 'issue an Open311 key',
    method: 'POST',
    url: () => '/api/open311/keys',
    payload: () => ({ name: 'Aplikasi warga' }),
    needs: 'admin',
    ok: 201,
  },
  {
    label: 'revoke an Open311 key',
    method: 'DELETE',
    url: () => '/api/open311/keys/999999',
    needs: 'admin',
    ok: 404,
  },
  {
    label: 'delete a webhook',
    method: 'DELETE',
    url: () => '/api/webhooks/999999',
    needs: 'admin',
    ok: 404,
  },
];

const ROLES_BELOW: Record<Case['needs'], StaffRole[]> = {
  viewer: [],
  operator: ['viewer'],
  admin: ['viewer', 'operator'],
};

describe.each(cases)('$label ($method)', (c) => {
  const request = (headers: Record<string, string>) =>
    ws.app.inject({
      method: c.method,
      url: c.url(),
      headers,
      ...(c.payload ? { payload: c.payload() as object } : {}),
    });

  test('without credentials: 401', async () => {
    const res = await request({});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  // Routes every role may use have no role below them.
  const below = ROLES_BELOW[c.needs];
  if (below.length > 0) {
    test.each(below)('as %s (session with CSRF token, bearer): 403', async (role) => {
      const s = sessions[role];
      expect((await request({ cookie: s.cookie, 'x-csrf-token': s.csrf })).statusCode).toBe(403);
      expect((await request(bearer(ws, role))).statusCode).toBe(403);
    });
  }

  test('right role, session cookie without or with a wrong CSRF token: 403 csrf', async () => {
    const s = sessions[c.needs === 'admin' ? 'admin' : 'operator'];
    const attempts: Record<string, string>[] = [
      { cookie: s.cookie },
      { cookie: s.cookie, 'x-csrf-token': `${s.csrf}x` },
    ];
    for (const headers of attempts) {
      const res = await request(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf');
    }
  });

  test('right role with a bearer token and no CSRF token: allowed', async () => {
    const res = await request(bearer(ws, c.needs === 'admin' ? 'admin' : 'operator'));
    expect(res.statusCode).toBe(c.ok);
  });
});

test('logout needs the CSRF token with the session cookie, then ends the session', async () => {
  const s = await login(ws, 'viewer');
  expect(
    (await ws.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: s.cookie } })).statusCode,
  ).toBe(403);
  const out = await ws.app.inject({
    method: 'DELETE',
    url: '/api/session',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(out.statusCode).toBe(204);
  expect((await ws.app.inject({ url: '/api/incidents', headers: { cookie: s.cookie } })).statusCode).toBe(401);
});

test.each([
  ['GET /api/audit', 'viewer', 403],
  ['GET /api/audit', 'operator', 403],
  ['GET /api/audit', 'admin', 200],
  ['GET /api/dead-letters', 'operator', 403],
  ['GET /api/dead-letters', 'admin', 200],
  ['GET /api/incidents', 'viewer', 200],
  ['GET /api/incidents.csv', 'viewer', 200],
  ['GET /api/incidents.xlsx', 'viewer', 200],
  ['GET /api/users', 'viewer', 200],
  ['GET /api/tokens', 'viewer', 403],
  ['GET /api/tokens', 'operator', 403],
  ['GET /api/tokens', 'admin', 200],
  ['GET /api/duty', 'viewer', 200],
  ['GET /api/stakeholders', 'viewer', 200],
  ['GET /api/reporters', 'viewer', 403],
  ['GET /api/reporters', 'operator', 200],
  ['GET /api/messages?state=unreadable', 'viewer', 200],
  ['GET /api/webhooks', 'operator', 403],
  ['GET /api/webhooks', 'admin', 200],
  ['GET /api/webhooks/999999/deliveries', 'operator', 403],
  ['GET /api/webhooks/999999/deliveries', 'admin', 404],
  ['GET /api/open311/keys', 'operator', 403],
  ['GET /api/open311/keys', 'admin', 200],
  ['GET /api/messages/other', 'viewer', 200],
  ['GET /api/messages/other?show=x', 'viewer', 400],
  ['GET /api/holidays?year=2026', 'viewer', 200],
  ['GET /api/holidays?year=26', 'viewer', 400],
] as const)('%s as %s → %i', async (route, role, status) => {
  const [method, url] = route.split(' ') as ['GET', string];
  expect((await ws.app.inject({ method, url, headers: bearer(ws, role) })).statusCode).toBe(status);
});

test('a revoked or unknown bearer token is refused', async () => {
  const res = await ws.app.inject({ url: '/api/incidents', headers: { authorization: 'Bearer hk_notatoken' } });
  expect(res.statusCode).toBe(401);
});

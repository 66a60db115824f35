/**
 * The OpenAPI description: a standard validator accepts it, every registered /api route is described (a route
 * added without an entry fails here), and real answers of the API, across every described route, conform to it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  buildOpenApiDocument,
  isApiRoute,
  type OpenApiDocument,
  openApiPath,
  routeKey,
} from '../../src/http/openapi/openapi-document';
import { conformanceChecker } from './openapi-conformance';
import { bearer, login, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let doc: OpenApiDocument;

beforeAll(async () => {
  ws = await startWorkspace('openapi');
  const res = await ws.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => ws?.close());

test('a standard OpenAPI validator accepts the description', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'openapi-validate.mjs')], {
    input: JSON.stringify(doc),
    encoding: 'utf8',
  });
  const result = JSON.parse(out);
  expect(result.errors).toBeNull();
  expect(result).toEqual(expect.objectContaining({ valid: true, version: '3.1' }));
});

test('every registered /api route is in the description, and described', () => {
  const registered = ws.app.registeredRoutes.filter(isApiRoute);
  expect(registered.length).toBeGreaterThan(30);
  const undescribed = registered.filter((r) => {
    const op = (doc.paths as Record<string, Record<string, Record<string, unknown>>>)[openApiPath(r.url)]?.[
      r.method.toLowerCase()
    ];
    return !op || op['x-undescribed'];
  });
  // Describe the route: one entry in src/http/openapi/route-descriptions.ts (docs/api.md).
  expect(undescribed.map(routeKey)).toEqual([]);
});

test('a route registered later appears by itself, marked undescribed until it gets an entry', () => {
  const generated = buildOpenApiDocument([...ws.app.registeredRoutes, { method: 'POST', url: '/api/holidays/:year' }], {
    serverUrl: 'http://x',
    version: '1',
  });
  const op = (generated.paths as Record<string, Record<string, Record<string, unknown>>>)['/api/holidays/{year}']?.post;
  expect(op).toEqual(expect.objectContaining({ 'x-undescribed': true }));
  expect(op?.parameters).toEqual([expect.objectContaining({ name: 'year', in: 'path', required: true })]);
});

test('auth, errors and paging are described', () => {
  expect(Object.keys(doc.components.securitySchemes)).toEqual(['sessionCookie', 'csrfToken', 'bearerToken']);
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  expect(paths['/api/incidents/{id}']?.patch?.security).toEqual([
    { sessionCookie: [], csrfToken: [] },
    { bearerToken: [] },
  ]);
  expect(paths['/api/incidents']?.get?.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  expect(paths['/api/openapi.json']?.get?.security).toEqual([]);
  expect(Object.keys(paths['/api/incidents/{id}']?.patch?.responses as object)).toEqual(
    expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
  );
  const params = ((paths['/api/incidents']?.get?.parameters ?? []) as { name: string }[]).map((p) => p.name);
  expect(params).toEqual(expect.arrayContaining(['limit', 'cursor', 'status', 'q']));
  expect(doc.components.schemas).toHaveProperty('Incident');
  expect(doc.components.schemas).toHaveProperty('Error');
});

test('real answers of every described route conform to the description', async () => {
  const check = conformanceChecker(doc);
  const problems: string[] = [];
  const exercised = new Set<string>();
  const admin = bearer(ws, 'admin');
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    route: string,
    url: string,
    options: { headers?: Record<string, string>; payload?: unknown } = {},
  ) => {
    const res = await ws.app.inject({
      method,
      url,
      headers: options.headers ?? admin,
      ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
    });
    problems.push(...check(method, route, res));
    exercised.add(`${method} ${route}`);
    return res;
  };

  const a = await ws.ingest({
    text: 'Tawuran pemuda di Jl. Andi Djemma Kel. Amassangan, ada yang terluka parah',
    from: '+6281234500001',
  });
  const b = await ws.ingest({
    text: 'Info ada demo mahasiswa besok di depan kantor DPRD Palopo',
    from: '+6285298700002',
  });
  await ws.ingest({ text: 'Ada pesta miras di lorong Jl. Dr. Ratulangi, Kel. Balandai', from: '+6285298700003' });

  await call('GET', '/api/openapi.json', '/api/openapi.json', { headers: {} });
  const session = await call('POST', '/api/session', '/api/session', {
    headers: {},
    payload: { email: 'admin@kesbang.test', password: 'kata-sandi-uji-123' },
  });
  await call('POST', '/api/session', '/api/session', {
    headers: {},
    payload: { email: 'admin@kesbang.test', password: 'salah' },
  });
  const list = await call('GET', '/api/incidents', '/api/incidents?limit=2');
  await call('GET', '/api/incidents', `/api/incidents?limit=2&cursor=${list.json().nextCursor}`);
  await call('GET', '/api/incidents', '/api/incidents', { headers: bearer(ws, 'viewer') });
  await call('GET', '/api/incidents', '/api/incidents?status=bogus');
  await call('GET', '/api/incidents', '/api/incidents', { headers: {} });
  await call('GET', '/api/incidents.csv', '/api/incidents.csv');
  await call('GET', '/api/incidents/:id', `/api/incidents/${a}`);
  await call('GET', '/api/incidents/:id', `/api/incidents/${a}`, { headers: bearer(ws, 'viewer') });
  await call('GET', '/api/incidents/:id', '/api/incidents/999999');
  await call('PATCH', '/api/incidents/:id', `/api/incidents/${a}`, {
    payload: { status: 'verified', priority: 'urgent' },
  });
  await call('PATCH', '/api/incidents/:id', `/api/incidents/${a}`, { payload: { status: 'new' } });
  await call('PATCH', '/api/incidents/:id', `/api/incidents/${a}`, { payload: { status: 'x' } });
  await call('PATCH', '/api/incidents/:id', `/api/incidents/${a}`, { headers: bearer(ws, 'viewer'), payload: {} });
  await call('POST', '/api/incidents/:id/notes', `/api/incidents/${a}/notes`, { payload: { text: 'cek lokasi' } });
  await call('POST', '/api/incidents/:id/replies', `/api/incidents/${a}/replies`, {
    payload: { text: 'Petugas menuju lokasi.' },
  });
  await call('POST', '/api/incidents/:id/ack', `/api/incidents/${a}/ack`);
  const stakeholder = await call('POST', '/api/stakeholders', '/api/stakeholders', {
    payload: {
      name: 'Polres Palopo',
      agency: 'Polri',
      channel: 'sms',
      phone: '+6281355500011',
      categories: ['konflik_sosial'],
    },
  });
  await call('PATCH', '/api/stakeholders/:id', `/api/stakeholders/${stakeholder.json().id}`, {
    payload: { agency: 'Polres' },
  });
  await call('GET', '/api/stakeholders', '/api/stakeholders');
  await call('GET', '/api/incidents/:id/stakeholder-suggestions', `/api/incidents/${a}/stakeholder-suggestions`);
  await call('POST', '/api/incidents/:id/forwards', `/api/incidents/${a}/forwards`, {
    payload: { stakeholderIds: [stakeholder.json().id], note: 'mohon ditindaklanjuti' },
  });
  await call('GET', '/api/incidents/:id', `/api/incidents/${a}`);
  await call('POST', '/api/incidents/:id/merge', `/api/incidents/${b}/merge`, { payload: { into: a } });
  await call('GET', '/api/users', '/api/users');
  const duty = await call('POST', '/api/duty', '/api/duty', {
    payload: { name: 'Andi', phone: '0811-1234-5678', days: '1-5', from: '22:00', to: '06:00' },
  });
  await call('PATCH', '/api/duty/:id', `/api/duty/${duty.json().id}`, { payload: { name: 'Andi S.' } });
  await call('PUT', '/api/duty/:id/exceptions/:date', `/api/duty/${duty.json().id}/exceptions/2026-12-25`, {
    payload: { onDuty: false, note: 'Natal' },
  });
  await call('GET', '/api/duty', '/api/duty');
  await call('GET', '/api/duty/now', '/api/duty/now');
  await call('DELETE', '/api/duty/:id/exceptions/:date', `/api/duty/${duty.json().id}/exceptions/2026-12-25`);
  await call('DELETE', '/api/duty/:id', `/api/duty/${duty.json().id}`);
  await call('GET', '/api/audit', '/api/audit?limit=3');
  await call('GET', '/api/audit', '/api/audit', { headers: bearer(ws, 'operator') });
  await call('GET', '/api/dead-letters', '/api/dead-letters');
  await call('POST', '/api/dead-letters/:id/retry', '/api/dead-letters/inbound:missing/retry');
  await call('GET', '/api/messages', '/api/messages?state=processed&limit=2');
  await call('GET', '/api/settings', '/api/settings');
  await call('PUT', '/api/settings', '/api/settings', { payload: { duplicateWindowHours: 8 } });
  const hook = await call('POST', '/api/webhooks', '/api/webhooks', {
    payload: { name: 'BPBD', url: 'https://bpbd.example.go.id/halo', events: ['incident.created'] },
  });
  await call('POST', '/api/webhooks', '/api/webhooks', { payload: { url: 'nope', events: [] } });
  await call('GET', '/api/webhooks', '/api/webhooks');
  await call('PATCH', '/api/webhooks/:id', `/api/webhooks/${hook.json().id}`, { payload: { trusted: true } });
  await call('GET', '/api/webhooks/:id/deliveries', `/api/webhooks/${hook.json().id}/deliveries`);
  await call('DELETE', '/api/webhooks/:id', `/api/webhooks/${hook.json().id}`);
  const key = await call('POST', '/api/open311/keys', '/api/open311/keys', { payload: { name: 'Aplikasi warga' } });
  await call('GET', '/api/open311/keys', '/api/open311/keys');
  await call('DELETE', '/api/open311/keys/:id', `/api/open311/keys/${key.json().id}`);
  await call('DELETE', '/api/open311/keys/:id', '/api/open311/keys/abc');
  await call('GET', '/api/incidents.xlsx', '/api/incidents.xlsx?priority=urgent');
  await call('POST', '/api/incidents/preview', '/api/incidents/preview', { payload: { text: 'tawuran di Ponjalae' } });
  await call('POST', '/api/incidents', '/api/incidents', { payload: { channel: 'fax', text: '' } });
  await call('POST', '/api/incidents/:id/messages/:messageId/split', `/api/incidents/${a}/messages/999999/split`);
  await call('GET', '/api/messages/other', '/api/messages/other');
  await call('POST', '/api/messages/:id/incident', '/api/messages/999999/incident');
  await call('POST', '/api/settings/preview', '/api/settings/preview', { payload: { text: 'Kode {reference}' } });
  await call('GET', '/api/holidays', '/api/holidays?year=2026');
  const reporter = await call('POST', '/api/reporters', '/api/reporters', {
    payload: { name: 'Ketua RT', phone: '081355500001', role: 'ketua_rt', kelurahan: 'Ponjalae', rt: '2', rw: '1' },
  });
  await call('GET', '/api/reporters', '/api/reporters');
  await call('PATCH', '/api/reporters/:id', `/api/reporters/${reporter.json().id}`, { payload: { active: false } });
  await call('GET', '/api/reporters/:id/sessions', `/api/reporters/${reporter.json().id}/sessions`);
  await call('DELETE', '/api/reporters/:id/sessions', `/api/reporters/${reporter.json().id}/sessions`);
  const user = await call('POST', '/api/users', '/api/users', {
    payload: { email: 'rina@kesbang.example', name: 'Rina', role: 'viewer', password: 'sebuah-kata-sandi-panjang' },
  });
  await call('PATCH', '/api/users/:id', `/api/users/${user.json().id ?? user.json().user?.id}`, {
    payload: { name: 'Rina A.' },
  });
  const token = await call('POST', '/api/tokens', '/api/tokens', {
    payload: { userId: String(user.json().id ?? user.json().user?.id), name: 'skrip' },
  });
  await call('GET', '/api/tokens', '/api/tokens');
  await call('DELETE', '/api/tokens/:id', `/api/tokens/${token.json().id ?? token.json().token?.id ?? '999999'}`);
  await call('POST', '/api/session/password', '/api/session/password', {
    payload: { currentPassword: 'salah', newPassword: 'x' },
  });
  const cookie = String(session.headers['set-cookie']).split(';')[0]!;
  await call('DELETE', '/api/session', '/api/session', {
    headers: { cookie, 'x-csrf-token': session.json().csrfToken },
  });
  const s2 = await login(ws, 'viewer');
  await call('DELETE', '/api/session', '/api/session', { headers: { cookie: s2.cookie } });

  expect(problems).toEqual([]);
  // The event stream never ends: only its description is checked (content type), not exercised here.
  const notExercised = ws.app.registeredRoutes
    .filter(isApiRoute)
    .map(routeKey)
    .filter((k) => !exercised.has(k) && k !== 'GET /api/incidents/stream');
  expect(notExercised).toEqual([]);
}, 180_000);

test('the readable page lists every operation, needs no script or CDN', async () => {
  const res = await ws.app.inject({ method: 'GET', url: '/docs/api' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const m of Object.keys(methods)) expect(res.body).toContain(`${m.toUpperCase()} ${p}`);
  }
  expect(res.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"<\s]*\.(js|css)/);
});

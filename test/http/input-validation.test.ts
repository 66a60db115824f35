/**
 * Bad input answers 400 with a clear error in Bahasa Indonesia, never 500: malformed ids on every route with an
 * `:id`, impossible dates, cursors, limits and unknown enum values on every route that takes them. JSON `{error}` on
 * the API and the CSV, an HTML page on the pages. Real PostgreSQL and Redis.
 */
import { bearer, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('input');
  await ws.ingest({ text: 'Ada pesta miras di lorong Jl. Dr. Ratulangi, Kel. Balandai, meresahkan warga' });
});
afterAll(async () => ws?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const ID_ROUTES: [Method, string, object?][] = [
  ['GET', '/api/incidents/:id'],
  ['PATCH', '/api/incidents/:id', { priority: 'high' }],
  ['POST', '/api/incidents/:id/notes', { text: 'catatan' }],
  ['POST', '/api/incidents/:id/replies', { text: 'balasan' }],
  ['POST', '/api/incidents/:id/merge', { into: '1' }],
  ['POST', '/api/incidents/:id/forwards', { stakeholderIds: ['1'] }],
  ['POST', '/api/incidents/:id/ack', {}],
  ['PATCH', '/api/duty/:id', { name: 'x' }],
  ['DELETE', '/api/duty/:id'],
  ['PATCH', '/api/stakeholders/:id', { name: 'x' }],
  ['PATCH', '/api/users/:id', { name: 'x' }],
  ['DELETE', '/api/tokens/:id'],
  ['GET', '/attachments/:id'],
  ['GET', '/incidents/:id'],
  ['GET', '/incidents/:id/row'],
];

const BAD_IDS = ['abc', '1.5', '-1', '0', '1e3', "1'", '123456789012345678901', '%20', 'HK-7Q3F2K'];

const isPage = (url: string) => !url.startsWith('/api/');

function expectClear400(res: { statusCode: number; headers: Record<string, unknown>; body: string }, url: string) {
  expect(res.statusCode).toBe(400);
  if (isPage(url.split('?')[0]!) && !url.startsWith('/attachments')) {
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.body).toContain('Kode galat 400.');
  } else {
    const body = JSON.parse(res.body);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(5);
  }
}

describe.each(ID_ROUTES)('%s %s', (method, route, payload) => {
  test.each(BAD_IDS)('id "%s": 400', async (id) => {
    const url = route.replace(':id', encodeURIComponent(id));
    const res = await ws.app.inject({ method, url, headers: bearer(ws, 'admin'), ...(payload ? { payload } : {}) });
    expectClear400(res, url);
  });
});

const LIST_ROUTES = ['/api/incidents', '/incidents', '/api/incidents.csv'];

const BAD_QUERIES = [
  'since=2025-02-30',
  'until=2025-02-29',
  'since=2025-13-01',
  'since=2025-00-10',
  'since=2025-05-12T25:00:00Z',
  'since=2025-05-12T08:00',
  'until=2025-04-31T08:00:00Z',
  'since=kemarin',
  'since=20250512',
  'until=0000-01-01',
  'status=open',
  'category=xyz',
  'channel=fax',
  'priority=p1',
  'due=later',
];

/** Paging: the list and its page (the CSV takes every row and no paging). */
const BAD_PAGES = ['cursor=abc', 'cursor=-1', 'cursor=123456789012345678901', 'limit=0', 'limit=abc', 'limit=1.5'];

describe.each(LIST_ROUTES)('GET %s', (route) => {
  const queries = route.endsWith('.csv') ? BAD_QUERIES : [...BAD_QUERIES, ...BAD_PAGES];
  test.each(queries)('?%s: 400', async (query) => {
    const url = `${route}?${query}`;
    const res = await ws.app.inject({ url, headers: bearer(ws, 'admin') });
    expectClear400(res, url);
  });

  test('valid dates and datetimes are accepted', async () => {
    const instant = encodeURIComponent('2025-05-12T08:00:00+08:00');
    for (const query of ['since=2024-02-29', `since=${instant}&until=2025-05-13`, 'until=2025-12-31']) {
      expect((await ws.app.inject({ url: `${route}?${query}`, headers: bearer(ws, 'admin') })).statusCode).toBe(200);
    }
  });
});

test.each([
  '/api/audit?cursor=abc',
  '/api/audit?limit=-5',
  '/admin/audit?cursor=1;drop',
  '/api/messages?state=lost',
  '/api/messages?cursor=x',
])('%s: 400', async (url) => {
  expectClear400(await ws.app.inject({ url, headers: bearer(ws, 'admin') }), url);
});

test('a dead letter id is a queue and a job id, not a number: still answered, not refused as malformed', async () => {
  const res = await ws.app.inject({
    method: 'POST',
    url: '/api/dead-letters/inbound:in-sms-missing/retry',
    headers: bearer(ws, 'admin'),
  });
  expect(res.statusCode).toBe(404);
});

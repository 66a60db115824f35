/**
 * Logins can be neither throttled around nor forged: proxy headers only from configured hops, one counter for the
 * form and the API, per address and per account, bounded password hashing, JSON-only /api/session with an Origin
 * check, and only same-origin paths after login. Real PostgreSQL and Redis.
 */
import { PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let proxied: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('login-hard', { loginLimit: { max: 3, accountMax: 4, windowMs: 60_000 } });
  proxied = await startWorkspace('login-proxy', {
    loginLimit: { max: 3, windowMs: 60_000 },
    trustProxy: '10.0.0.1',
  });
});
afterAll(async () => {
  await ws?.close();
  await proxied?.close();
});

type From = { remoteAddress?: string; headers?: Record<string, string> };

const apiLogin = (w: Workspace, email: string, password: string, from: From = {}) =>
  w.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    headers: from.headers ?? {},
    remoteAddress: from.remoteAddress,
  });

const formLogin = (w: Workspace, fields: Record<string, string>, from: From = {}) =>
  w.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...from.headers },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: from.remoteAddress,
  });

describe('throttle', () => {
  test('a forged X-Forwarded-For does not give a new counter when no proxy is configured', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await apiLogin(ws, 'viewer@kesbang.test', `tebakan-${i}-abc`, {
        remoteAddress: '203.0.113.20',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test('the form and the API share one counter', async () => {
    const from = { remoteAddress: '203.0.113.21' };
    const statuses = [
      (await formLogin(ws, { email: 'tamu@kesbang.test', password: 'salah-1-abcdef' }, from)).statusCode,
      (await apiLogin(ws, 'tamu@kesbang.test', 'salah-2-abcdef', from)).statusCode,
      (await formLogin(ws, { email: 'tamu@kesbang.test', password: 'salah-3-abcdef' }, from)).statusCode,
      (await apiLogin(ws, 'tamu@kesbang.test', PASSWORD, from)).statusCode,
      (await formLogin(ws, { email: 'tamu@kesbang.test', password: PASSWORD }, from)).statusCode,
    ];
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  test('one address trying many accounts is throttled by address', async () => {
    const statuses: number[] = [];
    for (const who of ['a', 'b', 'c', 'd']) {
      statuses.push(
        (await apiLogin(ws, `${who}@kesbang.test`, 'salah-abcdef', { remoteAddress: '203.0.113.22' })).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test('one account guessed from many addresses is throttled by account', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const res = await apiLogin(ws, 'admin@kesbang.test', `salah-${i}-abcdef`, { remoteAddress: `192.0.2.${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  test('from a configured proxy, X-Forwarded-For names the client; from anyone else it is ignored', async () => {
    const viaProxy = (client: string, password: string) =>
      apiLogin(proxied, 'operator@kesbang.test', password, {
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': client },
      });
    for (let i = 0; i < 3; i++) expect((await viaProxy('198.51.100.50', `salah-${i}-abcdef`)).statusCode).toBe(401);
    expect((await viaProxy('198.51.100.50', PASSWORD)).statusCode).toBe(429);
    // Another client behind the same proxy has its own counter.
    expect((await viaProxy('198.51.100.51', PASSWORD)).statusCode).toBe(200);
    // Not the proxy: its X-Forwarded-For is not believed, every attempt counts against its own address.
    const direct = async (i: number) =>
      (
        await apiLogin(proxied, 'viewer@kesbang.test', `salah-${i}-abcdef`, {
          remoteAddress: '203.0.113.30',
          headers: { 'x-forwarded-for': `198.51.100.${60 + i}` },
        })
      ).statusCode;
    expect([await direct(1), await direct(2), await direct(3), await direct(4)]).toEqual([401, 401, 401, 429]);
  });

  test('password hashing is bounded: a burst of parallel logins gets 429 at once beyond the slots', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_v, i) =>
        apiLogin(proxied, `orang${i}@kesbang.test`, 'salah-abcdef', { remoteAddress: `192.0.2.${100 + i}` }),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(burst.filter((r) => r.statusCode === 429).map((r) => r.json().error.code)).toContain('busy');
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    // Afterwards a real login goes through.
    expect((await apiLogin(proxied, 'admin@kesbang.test', PASSWORD, { remoteAddress: '192.0.2.200' })).statusCode).toBe(
      200,
    );
  });
});

describe('login CSRF through /api/session', () => {
  test('a form-encoded POST is refused (415), no session is made', async () => {
    const res = await ws.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: new URLSearchParams({ email: 'operator@kesbang.test', password: PASSWORD }).toString(),
      remoteAddress: '203.0.113.40',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('JSON from another origin is refused (403); from this one it logs in', async () => {
    const evil = await apiLogin(ws, 'operator@kesbang.test', PASSWORD, {
      remoteAddress: '203.0.113.41',
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['set-cookie']).toBeUndefined();
    const own = await apiLogin(ws, 'operator@kesbang.test', PASSWORD, {
      remoteAddress: '203.0.113.41',
      headers: { origin: new URL(ws.config.PUBLIC_URL).origin },
    });
    expect(own.statusCode).toBe(200);
  });
});

describe('next after login', () => {
  test.each([
    ['tab after the slash', '/\t/evil.example'],
    ['%09 as the form sends it', decodeURIComponent('/%09/evil.example')],
    ['backslash', '/\\evil.example'],
    ['two slashes', '//evil.example/x'],
    ['another origin', 'https://evil.example/'],
    ['CRLF', '/incidents\r\nSet-Cookie: x=1'],
    ['not a path', 'evil.example'],
  ])('%s: stays on this site (303 to /incidents, never 500)', async (_l, next) => {
    const res = await formLogin(
      ws,
      { email: 'operator@kesbang.test', password: PASSWORD, next },
      {
        remoteAddress: '203.0.113.50',
      },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/incidents');
  });

  test('a path of this site is kept, with its query', async () => {
    const res = await formLogin(
      ws,
      { email: 'operator@kesbang.test', password: PASSWORD, next: '/incidents?status=new' },
      { remoteAddress: '203.0.113.51' },
    );
    expect(res.headers.location).toBe('/incidents?status=new');
  });

  test('the login page carries only a safe next', async () => {
    const page = await ws.app.inject({ url: `/login?next=${encodeURIComponent('/\t/evil.example')}` });
    expect(page.body).toContain('name="next" value="/incidents"');
  });
});

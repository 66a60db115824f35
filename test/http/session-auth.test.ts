/** Sessions: cookie attributes, a new id at every login, login throttling without lockout, the login form. */
import { PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let secure: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('auth', { loginLimit: { max: 3, windowMs: 60_000 } });
  secure = await startWorkspace('auth-https', { publicUrl: 'https://kesbang.example' });
});
afterAll(async () => {
  await ws?.close();
  await secure?.close();
});

const loginAs = (
  w: Workspace,
  email: string,
  password: string,
  headers: Record<string, string> = {},
  from: { remoteAddress?: string } = {},
) => w.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, headers, ...from });

test.each([
  ['http', () => ws, /^halo_session=/, false],
  ['https PUBLIC_URL', () => secure, /^__Host-halo_session=/, true],
])(
  'session cookie over %s: HttpOnly, SameSite, Path=/, Secure and __Host- only over https',
  async (_l, w, name, isSecure) => {
    const res = await loginAs(w(), 'operator@kesbang.test', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { email: 'operator@kesbang.test', role: 'operator' },
      csrfToken: expect.any(String),
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(name);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(/;\s*Secure/i.test(cookie)).toBe(isSecure);
    expect(cookie).not.toMatch(/Domain=/i);
  },
);

test('every login gets a new session id, and the old one stops working', async () => {
  const first = await loginAs(ws, 'viewer@kesbang.test', PASSWORD);
  const firstCookie = String(first.headers['set-cookie']).split(';')[0]!;
  const second = await loginAs(ws, 'viewer@kesbang.test', PASSWORD, { cookie: firstCookie });
  const secondCookie = String(second.headers['set-cookie']).split(';')[0]!;
  expect(secondCookie).not.toBe(firstCookie);
  expect((await ws.app.inject({ url: '/api/incidents', headers: { cookie: firstCookie } })).statusCode).toBe(401);
  expect((await ws.app.inject({ url: '/api/incidents', headers: { cookie: secondCookie } })).statusCode).toBe(200);
});

test('wrong credentials: 401 with the same answer for unknown emails', async () => {
  const wrong = await loginAs(ws, 'admin@kesbang.test', 'salah-sekali-123');
  const unknown = await loginAs(ws, 'nobody@kesbang.test', 'salah-sekali-123');
  expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
  expect(wrong.json()).toEqual(unknown.json());
});

test('login is rate-limited per address (429), without locking the account for others', async () => {
  const attacker = { remoteAddress: '203.0.113.9' };
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++)
    statuses.push((await loginAs(ws, 'operator@kesbang.test', `tebakan-${i}-xyz`, {}, attacker)).statusCode);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await loginAs(ws, 'operator@kesbang.test', PASSWORD, {}, attacker);
  expect(limited.statusCode).toBe(429);
  expect(limited.json().error.code).toBe('rate_limited');
  // The operator at the office (another address) still logs in: no lockout.
  expect((await loginAs(ws, 'operator@kesbang.test', PASSWORD, {}, { remoteAddress: '198.51.100.7' })).statusCode).toBe(
    200,
  );
});

test('the login form works without JavaScript and redirects only to local paths', async () => {
  const form = await ws.app.inject({ url: '/login' });
  expect(form.body).toMatch(/<label for="email">Email<\/label><input id="email" name="email" type="email"/);
  expect(form.body).toMatch(
    /<label for="password">Kata sandi<\/label><input id="password" name="password" type="password"/,
  );
  expect((await ws.app.inject({ url: '/' })).headers.location).toBe('/login');
  const res = await ws.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '192.0.2.44',
    payload: new URLSearchParams({
      email: 'admin@kesbang.test',
      password: PASSWORD,
      next: '//evil.example/x',
    }).toString(),
  });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/incidents');
  const csp = (await ws.app.inject({ url: '/login' })).headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
});

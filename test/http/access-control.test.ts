/**
 * Access can be taken back: accounts and tokens from the CLI and the JSON API, disabling that ends sessions and
 * tokens at once, expiring and revoked tokens, passwords that are refused, everyone's own password change, all of it
 * audited. Real PostgreSQL and Redis; the CLI commands run in-process against the same database, and `user add`
 * once through the real `halo` entry point.
 */
import { spawnSync } from 'node:child_process';
import { hashSecret, newSecret } from '../../src/auth/secret-tokens';
import { run as token } from '../../src/cli/token-command';
import { run as user } from '../../src/cli/user-command';
import { insertApiToken } from '../../src/db/repos/api-tokens';
import { runCaptured } from '../helpers/cli-capture';
import { ROOT } from '../helpers/spawn-service';
import { bearer, login, PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
const saved = { url: process.env.DATABASE_URL, envFile: process.env.HALO_ENV_FILE };

beforeAll(async () => {
  ws = await startWorkspace('access');
  process.env.DATABASE_URL = ws.database.url;
  process.env.HALO_ENV_FILE = 'none';
});
afterAll(async () => {
  process.env.DATABASE_URL = saved.url;
  process.env.HALO_ENV_FILE = saved.envFile;
  await ws?.close();
});

const cli = (command: (args: string[]) => Promise<number>, ...args: string[]) => runCaptured(command, args);

const admin = () => bearer(ws, 'admin');
const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => ws.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function auditActions(): Promise<{ action: string; details: Record<string, unknown> }[]> {
  return ws.database.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute();
}

async function newStaff(email: string, role: 'operator' | 'viewer' = 'viewer'): Promise<{ id: string; token: string }> {
  const created = await api('POST', '/api/users', admin(), { email, name: 'Staf Baru', role, password: PASSWORD });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const tokenRes = await api('POST', '/api/tokens', admin(), { userId: id, name: 'skrip' });
  expect(tokenRes.statusCode).toBe(201);
  return { id, token: tokenRes.json().token };
}

async function loginAs(email: string, password = PASSWORD) {
  return ws.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
}

describe('halo user disable / enable', () => {
  test('disabling ends the sessions and the tokens at once, audited; enabling lets the person log in again', async () => {
    const { token: t } = await newStaff('rina@kesbang.test');
    const session = String((await loginAs('rina@kesbang.test')).headers['set-cookie']).split(';')[0]!;
    expect((await api('GET', '/api/incidents', { cookie: session })).statusCode).toBe(200);

    const off = await cli(user, 'disable', '--email', 'rina@kesbang.test');
    expect(off.status).toBe(0);
    expect((await api('GET', '/api/incidents', { cookie: session })).statusCode).toBe(401);
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${t}` })).statusCode).toBe(401);
    expect((await loginAs('rina@kesbang.test')).statusCode).toBe(401);
    const entry = (await auditActions()).find((a) => a.action === 'user.disable');
    expect(entry?.details).toMatchObject({ via: 'cli', sessionsEnded: 1, tokensRevoked: 1 });

    expect((await cli(user, 'enable', '--email', 'rina@kesbang.test')).status).toBe(0);
    expect((await loginAs('rina@kesbang.test')).statusCode).toBe(200);
    // A revoked token stays revoked.
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${t}` })).statusCode).toBe(401);
  });

  test('an unknown e-mail is an error, not a silent success', async () => {
    const res = await cli(user, 'disable', '--email', 'tidak-ada@kesbang.test');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('no user');
  });
});

describe('halo token add / list / revoke', () => {
  test('list shows one line per token, id first; revoke refuses the token at once', async () => {
    const added = await cli(
      token,
      'add',
      '--email',
      'operator@kesbang.test',
      '--name',
      'ekspor-harian',
      '--days',
      '30',
    );
    expect(added.status).toBe(0);
    const secret = added.stdout.trim();
    expect(secret).toMatch(/^hk_/);
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${secret}` })).statusCode).toBe(200);

    const listed = await cli(token, 'list', '--email', 'operator@kesbang.test');
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2); // the harness's token and this one
    const line = lines.find((l) => l.includes('ekspor-harian'))!;
    const [id, name, created, lastUsed, expires, state] = line.split('\t');
    expect(id).toMatch(/^\d+$/);
    expect(name).toBe('ekspor-harian');
    expect(Date.parse(created!)).not.toBeNaN();
    expect(Date.parse(lastUsed!)).not.toBeNaN();
    expect(Date.parse(expires!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(state).toBe('active');
    expect(listed.stdout).not.toContain(secret);

    expect((await cli(token, 'revoke', id!)).status).toBe(0);
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
    expect((await cli(token, 'list', '--email', 'operator@kesbang.test')).stdout).toMatch(
      new RegExp(`^${id}\\t.*\\trevoked$`, 'm'),
    );
    expect((await cli(token, 'revoke', id!)).status).toBe(1);
    expect((await auditActions()).filter((a) => a.action === 'token.revoke')).toHaveLength(1);
  });

  test('an expired token is refused', async () => {
    const secret = newSecret('hk_');
    await insertApiToken(ws.database.db, {
      userId: ws.staff.operator.user.id,
      name: 'lama',
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
  });
});

test.each([
  ['ten spaces', '          ', 'kosong'],
  ['one character repeated', 'aaaaaaaaaaaa', 'diulang'],
  ['a common password', 'password123', 'umum'],
  ['too short', 'pendek', 'paling sedikit'],
])('a password of %s is refused by the API (400) with a reason', async (_l, password, reason) => {
  const res = await api('POST', '/api/users', admin(), {
    email: 'lemah@kesbang.test',
    name: 'Lemah',
    role: 'viewer',
    password,
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.message).toContain(reason);
});

test('halo user add refuses a password of ten spaces', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'user', 'add', '--email', 'spasi@kesbang.test', '--role', 'viewer'],
    {
      cwd: ROOT,
      input: '          \n',
      env: { PATH: process.env.PATH ?? '', HOME: '/tmp', HALO_ENV_FILE: 'none', DATABASE_URL: ws.database.url },
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('kosong');
});

describe('the JSON API for people and tokens', () => {
  test('admins add users; a taken e-mail is 409; the new user logs in', async () => {
    const body = { email: 'Andi@Kesbang.test', name: 'Andi', role: 'operator', password: 'sandi-baru-andi-1' };
    const res = await api('POST', '/api/users', admin(), body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'andi@kesbang.test', role: 'operator', disabled: false });
    expect(res.json()).not.toHaveProperty('passwordHash');
    expect((await api('POST', '/api/users', admin(), body)).statusCode).toBe(409);
    expect((await loginAs('andi@kesbang.test', 'sandi-baru-andi-1')).statusCode).toBe(200);
  });

  test('PATCH changes role and name, and disabling ends the sessions and tokens', async () => {
    const { id, token: t } = await newStaff('budi@kesbang.test');
    const session = String((await loginAs('budi@kesbang.test')).headers['set-cookie']).split(';')[0]!;
    const changed = await api('PATCH', `/api/users/${id}`, admin(), { role: 'operator', name: 'Budi S.' });
    expect(changed.json()).toMatchObject({ id, role: 'operator', name: 'Budi S.', disabled: false });
    const off = await api('PATCH', `/api/users/${id}`, admin(), { disabled: true });
    expect(off.statusCode).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await api('GET', '/api/incidents', { cookie: session })).statusCode).toBe(401);
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${t}` })).statusCode).toBe(401);
    const actions = (await auditActions()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'token.create', 'user.update', 'user.disable']));
  });

  test('the last active admin cannot be disabled or demoted', async () => {
    const id = ws.staff.admin.user.id;
    for (const change of [{ disabled: true }, { role: 'viewer' }]) {
      const res = await api('PATCH', `/api/users/${id}`, admin(), change);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('last_admin');
    }
  });

  test.each([
    ['an id that is not a number', 'PATCH', '/api/users/abc', { role: 'viewer' }, 400],
    ['an unknown user', 'PATCH', '/api/users/999999', { role: 'viewer' }, 404],
    ['an unknown role', 'PATCH', () => `/api/users/${ws.staff.viewer.user.id}`, { role: 'root' }, 400],
    ['an unknown field', 'PATCH', () => `/api/users/${ws.staff.viewer.user.id}`, { email: 'x@y.z' }, 400],
    ['an empty change', 'PATCH', () => `/api/users/${ws.staff.viewer.user.id}`, {}, 400],
    ['a token id that is not a number', 'DELETE', '/api/tokens/1;drop', undefined, 400],
    ['an unknown token', 'DELETE', '/api/tokens/999999', undefined, 404],
    ['an impossible expiry date', 'POST', '/api/tokens', { userId: '1', expiresOn: '2030-02-30' }, 400],
    ['an expiry in the past', 'POST', '/api/tokens', { userId: '1', expiresOn: '2020-01-01' }, 400],
  ] as const)('%s: refused with a clear error', async (_l, method, url, payload, status) => {
    const res = await api(method, typeof url === 'function' ? url() : url, admin(), payload);
    expect(res.statusCode).toBe(status);
    expect(typeof res.json().error.message).toBe('string');
  });

  test('tokens: created with an expiry and shown once, listed without secrets, revoked at once', async () => {
    const created = await api('POST', '/api/tokens', admin(), {
      userId: ws.staff.viewer.user.id,
      name: 'dasbor',
      expiresOn: '2099-12-31',
    });
    expect(created.statusCode).toBe(201);
    const { id, token: secret, expiresAt } = created.json();
    expect(expiresAt).toBe('2099-12-31T15:59:59.000Z');
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${secret}` })).statusCode).toBe(200);
    const listed = await api('GET', '/api/tokens', admin());
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain(hashSecret(secret));
    expect(listed.json().items.find((t: { id: string }) => t.id === id)).toMatchObject({ name: 'dasbor' });
    expect((await api('DELETE', `/api/tokens/${id}`, admin())).statusCode).toBe(204);
    expect((await api('GET', '/api/incidents', { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
    expect((await api('DELETE', `/api/tokens/${id}`, admin())).statusCode).toBe(404);
  });

  test('non-admins see who is on staff, without e-mail addresses, and cannot manage anyone', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const res = await api('GET', '/api/users', bearer(ws, role));
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('@kesbang.test');
      expect((await api('GET', '/api/tokens', bearer(ws, role))).statusCode).toBe(403);
    }
  });
});

describe('POST /api/session/password', () => {
  test('every user changes their own password; other sessions end, this one stays', async () => {
    await newStaff('sari@kesbang.test');
    const first = String((await loginAs('sari@kesbang.test')).headers['set-cookie']).split(';')[0]!;
    const second = await loginAs('sari@kesbang.test');
    const cookie = String(second.headers['set-cookie']).split(';')[0]!;
    const csrf = second.json().csrfToken as string;
    const change = (payload: object) => api('POST', '/api/session/password', { cookie, 'x-csrf-token': csrf }, payload);

    const wrong = await change({ currentPassword: 'bukan-ini-123', newPassword: 'sandi-sari-baru-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    const weak = await change({ currentPassword: PASSWORD, newPassword: '          ' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('bad_password');

    const ok = await change({ currentPassword: PASSWORD, newPassword: 'sandi-sari-baru-1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ changed: true, otherSessionsEnded: 1 });
    expect((await api('GET', '/api/incidents', { cookie: first })).statusCode).toBe(401);
    expect((await api('GET', '/api/incidents', { cookie })).statusCode).toBe(200);
    expect((await loginAs('sari@kesbang.test')).statusCode).toBe(401);
    expect((await loginAs('sari@kesbang.test', 'sandi-sari-baru-1')).statusCode).toBe(200);
    expect((await auditActions()).some((a) => a.action === 'user.password')).toBe(true);
  });

  test('without the CSRF token a session cannot change the password', async () => {
    const s = await login(ws, 'operator');
    const res = await api(
      'POST',
      '/api/session/password',
      { cookie: s.cookie },
      {
        currentPassword: PASSWORD,
        newPassword: 'sandi-operator-baru-1',
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

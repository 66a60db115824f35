/**
 * The RT heads' app's rules, through the real routes (inject), the real inbound processor and outbound processor on
 * a test database and queue prefix: registering reporters; sign-in codes (no enumeration, hashed, 5 tries, limits
 * per number); app sessions apart from staff's and revoked when a reporter is switched off; reports stored once per
 * client id with their photos checked and capped; a registered reporter's SMS takes their area and is marked theirs
 * (masked for viewers); a staff reply is shown in the app and only goes by SMS when it was not opened; the app's
 * first load stays under 200 KB compressed.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createAppApiRoutes } from '../../src/channels/app/app-api-routes';
import { createAppPreparer } from '../../src/channels/app/app-preparer';
import { createAppReplyTransport } from '../../src/channels/app/app-reply-transport';
import { appStaticRoutes } from '../../src/channels/app/app-static-routes';
import { createPreparerRegistry } from '../../src/channels/registry';
import { createSmssyncTransport } from '../../src/channels/smssync/smssync-transport';
import { writeSetting } from '../../src/db/repos/settings';
import { processOutbound } from '../../src/outbound/outbound-processor';
import type { TransportRegistry } from '../../src/outbound/transport';
import { processInbound } from '../../src/processors/inbound-processor';
import { inboundDeps } from '../helpers/inbound-deps';
import { captureLogger } from '../helpers/test-logger';
import { REDIS_URL } from '../helpers/test-redis';
import { bearer, login, startWorkspace, type Workspace } from '../http/workspace-harness';

const PHONE = '+6281355507777';
let ws: Workspace;
let reporterId: string;
const { logger } = captureLogger();

beforeAll(async () => {
  ws = await startWorkspace('appapi', {
    routes: [
      appStaticRoutes,
      createAppApiRoutes({ codesPerPhone: 3, codesPerAddress: 100, checksPerAddress: 100, windowMs: 60_000 }),
    ],
  });
}, 60_000);
afterAll(async () => ws?.close());

const db = () => ws.database.db;
const json = (method: 'POST' | 'GET' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = {}) =>
  ws.app.inject({ method, url, payload: payload as object, headers });

/** A fresh window for the per-number limit: the counters live in Redis under the test's prefix. */
async function resetLimits(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${ws.config.QUEUE_PREFIX}:rate-limit:app:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

async function registerReporter(fields: Record<string, string>) {
  return json('POST', '/api/reporters', fields, bearer(ws, 'admin'));
}

/** Asks for a code and reads it from the outbox row the office's SMS phone would send. */
async function codeFor(phone: string): Promise<string> {
  const res = await json('POST', '/api/app/otp', { phone });
  expect(res.statusCode).toBe(202);
  const row = await db()
    .selectFrom('outbound_messages')
    .select('body')
    .where('purpose', '=', 'otp')
    .where('to_address', '=', phone)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return /\d{6}/.exec(row.body)![0];
}

async function signIn(phone: string): Promise<Record<string, string>> {
  const res = await json('POST', '/api/app/session', { phone, code: await codeFor(phone) });
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie };
}

/** Runs the queued inbound jobs through the real processor with the app channel's reader. */
async function drainInbound(): Promise<void> {
  const preparers = createPreparerRegistry({
    byProvider: { app: createAppPreparer({ db: db(), regionCode: '73.73', timezone: 'Asia/Makassar' }) },
  });
  for (const job of await ws.queues.inbound.getJobs(['waiting', 'delayed', 'prioritized'])) {
    await processInbound(job.data, inboundDeps(db(), { queues: ws.queues, preparers, logger }));
    await job.remove();
  }
}

test('admins register reporters with clear errors; operators read the list, viewers may not', async () => {
  const bad = await registerReporter({ name: 'X', phone: '0813', role: 'ketua_rt', kelurahan: 'Ponjalae' });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toContain('nomor HP');
  const noPlace = await registerReporter({ name: 'X', phone: PHONE, role: 'ketua_rt', kelurahan: 'Atlantis' });
  expect(noPlace.json().error.message).toContain('tidak ada di daftar wilayah');
  const noRt = await registerReporter({ name: 'X', phone: PHONE, role: 'ketua_rt', kelurahan: 'Ponjalae' });
  expect(noRt.json().error.message).toBe('ketua RT perlu nomor RT dan RW');
  const byOperator = await json('POST', '/api/reporters', { name: 'X' }, bearer(ws, 'operator'));
  expect(byOperator.statusCode).toBe(403);

  const ok = await registerReporter({
    name: 'Hj. Rosmini',
    phone: '0813-5550-7777',
    role: 'ketua_rt',
    kelurahan: 'Kel. Ponjalae',
    rt: '03',
    rw: '02',
  });
  expect(ok.statusCode).toBe(201);
  expect(ok.json()).toMatchObject({
    phone: PHONE,
    rt: '3',
    rw: '2',
    label: 'Ketua RT 03/RW 02 Ponjalae',
    active: true,
  });
  reporterId = ok.json().id;
  const again = await registerReporter({ name: 'Lain', phone: PHONE, role: 'fkdm', kelurahan: 'Ponjalae' });
  expect(again.statusCode).toBe(409);

  expect((await json('GET', '/api/reporters', undefined, bearer(ws, 'operator'))).json().items).toHaveLength(1);
  expect((await json('GET', '/api/reporters', undefined, bearer(ws, 'viewer'))).statusCode).toBe(403);
  expect((await json('PATCH', '/api/reporters/abc', { active: false }, bearer(ws, 'admin'))).statusCode).toBe(400);
  expect((await json('PATCH', `/api/reporters/${reporterId}`, { role: 'x' }, bearer(ws, 'admin'))).statusCode).toBe(
    400,
  );
  expect((await json('PATCH', '/api/reporters/999999', { active: false }, bearer(ws, 'admin'))).statusCode).toBe(404);
});

test('a code is sent only to a registered number, stored hashed, and dies after 5 wrong tries', async () => {
  const unknown = await json('POST', '/api/app/otp', { phone: '081299998888' });
  expect(unknown.statusCode).toBe(202);
  expect(unknown.json()).toEqual({ status: 'accepted' });
  const sentToUnknown = await db()
    .selectFrom('outbound_messages')
    .select('id')
    .where('to_address', '=', '+6281299998888')
    .execute();
  expect(sentToUnknown).toEqual([]);
  expect((await json('POST', '/api/app/otp', { phone: 'bukan nomor' })).statusCode).toBe(400);

  const code = await codeFor(PHONE);
  const stored = await db().selectFrom('app_sign_in_codes').selectAll().where('phone', '=', PHONE).execute();
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(code);
  const sms = await db()
    .selectFrom('outbound_messages')
    .selectAll()
    .where('purpose', '=', 'otp')
    .executeTakeFirstOrThrow();
  expect(sms).toMatchObject({ channel: 'sms', transport: 'smssync' });
  expect(sms.body.length).toBeLessThanOrEqual(160);

  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) {
    const res = await json('POST', '/api/app/session', { phone: PHONE, code: wrong });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('bad_code');
  }
  // Five wrong tries: the right code no longer opens anything.
  expect((await json('POST', '/api/app/session', { phone: PHONE, code })).statusCode).toBe(401);
});

test('code requests are limited per number, however it is written', async () => {
  // One code was asked for this number in the test above; the limit is 3 per window.
  expect((await json('POST', '/api/app/otp', { phone: '0813 5550 7777' })).statusCode).toBe(202);
  expect((await json('POST', '/api/app/otp', { phone: '6281355507777' })).statusCode).toBe(202);
  const limited = await json('POST', '/api/app/otp', { phone: '+62 813-5550-7777' });
  expect(limited.statusCode).toBe(429);
  expect(limited.json().error.message).toContain('Tunggu 15 menit');
  // The limit's counter is keyed by the number's hash: no phone number sits in Redis.
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${ws.config.QUEUE_PREFIX}:*`);
  redis.disconnect();
  expect(keys.some((k) => k.includes('otp-phone:'))).toBe(true);
  expect(keys.filter((k) => k.includes('1355507777'))).toEqual([]);
});

describe('signed in', () => {
  let app: Record<string, string>;
  beforeAll(async () => {
    await resetLimits();
    app = await signIn(PHONE);
  });

  test('the app session is not a staff session, and the code is gone from the outbox once used', async () => {
    const me = await json('GET', '/api/app/me', undefined, app);
    expect(me.json().reporter).toMatchObject({ label: 'Ketua RT 03/RW 02 Ponjalae', kelurahan: 'Ponjalae' });
    expect((await json('GET', '/api/incidents', undefined, app)).statusCode).toBe(401);
    const staff = await login(ws, 'admin');
    expect((await json('GET', '/api/app/me', undefined, { cookie: staff.cookie })).statusCode).toBe(401);
    const bodies = await db().selectFrom('outbound_messages').select('body').where('purpose', '=', 'otp').execute();
    expect(bodies.some((b) => b.body.includes('******'))).toBe(true);
  });

  test('a report is stored once per client id, with its checked photo, form choices and the reporter area', async () => {
    const id = randomUUID();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const report = {
      id,
      text: 'Ada orang tak dikenal membagikan selebaran ajakan bergabung kelompok terlarang',
      category: 'radikalisme',
      urgent: true,
      occurredAt: '2026-11-29T06:30:00+08:00',
      location: { latitude: -2.9861, longitude: 120.2033, accuracy: 18 },
      photos: [{ type: 'image/jpeg', data: jpeg.toString('base64') }],
    };
    expect((await json('POST', '/api/app/reports', report)).statusCode).toBe(401);
    const form = await ws.app.inject({
      method: 'POST',
      url: '/api/app/reports',
      payload: `id=${id}&text=halo`,
      headers: { ...app, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const fake = await json(
      'POST',
      '/api/app/reports',
      { ...report, photos: [{ type: 'image/jpeg', data: 'PHN2Zz4=' }] },
      app,
    );
    expect(fake.statusCode).toBe(400);
    await writeSetting(db(), 'appPhotoMaxBytes', 1000, null);
    const big = await json('POST', '/api/app/reports', report, app);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('Foto 1 terlalu besar');
    await writeSetting(db(), 'appPhotoMaxBytes', 1024 * 1024, null);
    expect((await json('POST', '/api/app/reports', { ...report, id: 'satu' }, app)).statusCode).toBe(400);

    const first = await json('POST', '/api/app/reports', report, app);
    expect(first.statusCode).toBe(202);
    const retry = await json('POST', '/api/app/reports', report, app);
    expect([200, 202]).toContain(retry.statusCode);
    await drainInbound();
    const again = await json('POST', '/api/app/reports', report, app);
    expect(again.statusCode).toBe(200);
    const reference = again.json().reference as string;
    expect(reference).toMatch(/^HK-/);

    const incidents = await db().selectFrom('incidents').selectAll().where('channel', '=', 'app').execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      reference,
      category: 'radikalisme',
      priority: 'urgent',
      kelurahan: 'Ponjalae',
      rt: '3',
      rw: '2',
      latitude: -2.9861,
    });
    expect(incidents[0]!.occurred_at?.toISOString()).toBe('2026-11-28T22:30:00.000Z');
    const photos = await db().selectFrom('attachments').select(['content_type', 'size']).execute();
    expect(photos).toEqual([{ content_type: 'image/jpeg', size: jpeg.length }]);
    // No SMS acknowledgement: the app shows the code itself.
    const acks = await db().selectFrom('outbound_messages').select('id').where('purpose', '=', 'ack').execute();
    expect(acks).toEqual([]);

    const mine = (await json('GET', '/api/app/reports', undefined, app)).json().items;
    expect(mine[0]).toMatchObject({ reference, status: 'new', clientIds: [id] });
  });

  test('a staff reply appears in the app; unopened it goes by SMS after the set minutes, opened it does not', async () => {
    const incident = await db()
      .selectFrom('incidents')
      .select('id')
      .where('channel', '=', 'app')
      .executeTakeFirstOrThrow();
    const transports: TransportRegistry = { smssync: createSmssyncTransport() };
    transports.app = createAppReplyTransport(() => transports);
    const send = (id: string) => processOutbound({ outboundMessageId: id }, { db: db(), transports, logger });
    const reply = async (text: string) =>
      (await json('POST', `/api/incidents/${incident.id}/replies`, { text }, bearer(ws, 'operator'))).json()
        .outboundMessageId as string;

    await writeSetting(db(), 'appReplySmsMinutes', 0, null);
    const unopened = await reply('Petugas sudah kami kirim ke lokasi.');
    expect(await send(unopened)).toBe('queued_for_gateway');
    const sms = await db()
      .selectFrom('outbound_messages')
      .selectAll()
      .where('id', '=', unopened)
      .executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ transport: 'smssync', to_address: PHONE, channel: 'sms' });
    expect(sms.body).toMatch(/^Balasan laporan HK-\w+: Petugas sudah kami kirim ke lokasi\./);

    const opened = await reply('Mohon kirim foto tambahan jika ada.');
    const mine = (await json('GET', '/api/app/reports', undefined, app)).json().items;
    const shown = mine[0].replies.find((r: { body: string }) => r.body === 'Mohon kirim foto tambahan jika ada.');
    expect(shown.seen).toBe(false);
    expect((await json('POST', '/api/app/replies/seen', { ids: [shown.id] }, app)).json()).toEqual({ seen: 1 });
    expect(await send(opened)).toBe('read');

    await writeSetting(db(), 'appReplySmsMinutes', 30, null);
    const early = await reply('Terima kasih.');
    await expect(send(early)).rejects.toThrow('not due yet');
  });

  test('a registered reporter SMS takes their area and is theirs in the workspace, masked for viewers', async () => {
    const id = await ws.ingest({ text: 'Ada genangan air naik ke jalan setinggi lutut', from: PHONE });
    const row = await db().selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kelurahan: 'Ponjalae', kelurahan_code: expect.any(String), rt: '3', rw: '2' });
    const named = await ws.ingest({ text: 'Ada keributan di Kel. Balandai dekat pasar', from: PHONE });
    expect(
      await db().selectFrom('incidents').select('kelurahan').where('id', '=', named).executeTakeFirstOrThrow(),
    ).toEqual({ kelurahan: 'Balandai' });
    const forOperator = (await json('GET', `/api/incidents/${id}`, undefined, bearer(ws, 'operator'))).json();
    expect(forOperator.reporter).toMatchObject({ registered: 'Ketua RT 03/RW 02 Ponjalae', name: 'Hj. Rosmini' });
    const forViewer = (await json('GET', `/api/incidents/${id}`, undefined, bearer(ws, 'viewer'))).json();
    expect(forViewer.reporter).toEqual({
      name: 'H***',
      phone: '+62813****7777',
      email: null,
      registered: 'Pelapor terdaftar',
    });
    const page = await ws.app.inject({ method: 'GET', url: `/incidents/${id}`, headers: bearer(ws, 'viewer') });
    expect(page.body).not.toContain('Ponjalae</dd><dt>Nama');
    expect(page.body).not.toContain('Ketua RT 03');
  });

  test('switching a reporter off ends their app session at once', async () => {
    const off = await json('PATCH', `/api/reporters/${reporterId}`, { active: false }, bearer(ws, 'admin'));
    expect(off.json().active).toBe(false);
    expect((await json('GET', '/api/app/me', undefined, app)).statusCode).toBe(401);
    // And a switched-off number gets no code (the same 202 as anyone).
    const before = await db().selectFrom('app_sign_in_codes').select('id').execute();
    await resetLimits();
    expect((await json('POST', '/api/app/otp', { phone: PHONE })).statusCode).toBe(202);
    expect(await db().selectFrom('app_sign_in_codes').select('id').execute()).toHaveLength(before.length);
  });
});

test('the app is installable and its first load is under 200 KB compressed', async () => {
  const files = [
    '/app/',
    '/app/app.js',
    '/app/app.css',
    '/app/manifest.webmanifest',
    '/app/sw.js',
    '/app/icon-192.png',
  ];
  let total = 0;
  for (const url of files) {
    const res = await ws.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    total += res.rawPayload.length;
  }
  expect(total).toBeLessThan(200 * 1024);
  const manifest = JSON.parse((await ws.app.inject({ method: 'GET', url: '/app/manifest.webmanifest' })).body);
  expect(manifest).toMatchObject({ start_url: '/app/', display: 'standalone', lang: 'id' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  const page = await ws.app.inject({ method: 'GET', url: '/app/' });
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.body).toContain('<option value="unjuk_rasa">Unjuk rasa</option>');
  expect((await ws.app.inject({ method: 'GET', url: '/app/../package.json' })).statusCode).toBe(404);
});

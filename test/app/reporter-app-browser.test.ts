/**
 * Issue 16's "done when", in headless Chromium (Debian's chromium through playwright-core) at 360×740 with service
 * workers on, against the whole service (`startService`: api, normalize and outbound roles on a test database and
 * queue prefix): an admin registers an RT head; the RT head signs in with the code read from the office's SMSSync
 * phone queue; writes a report without signal, comes back online and sees it arrive once with its reference code;
 * sends another whose answer is lost (the app retries) plus a double tap, and one incident is stored; reads a staff
 * reply in "Laporan saya". axe-core finds no serious or critical violation on any screen.
 * HALO_DOC_SCREENSHOTS=docs/img writes the screenshots used in docs/app.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../../src/auth/password-hash';
import { hashSecret, newSecret } from '../../src/auth/secret-tokens';
import { parseConfig } from '../../src/config';
import { insertApiToken } from '../../src/db/repos/api-tokens';
import { upsertUser } from '../../src/db/repos/users';
import { type Service, startService } from '../../src/runtime/service';
import { testEnv } from '../channels/channel-harness';
import { axeViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/chromium';
import { freePort } from '../helpers/free-port';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { clearPrefix, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

const SECRET = 'rahasia-gateway-palopo';
const PHONE = '+6281355501234';
let database: TestDatabase;
let service: Service;
let base: string;
let prefix: string;
let browser: Browser;
let admin: string;
let operator: string;
const shots = process.env.HALO_DOC_SCREENSHOTS ?? mkdtempSync(path.join(tmpdir(), 'halo-app-'));
const { logger, lines } = captureLogger();

const PASSWORD = 'kata-sandi-uji-123';

async function tokenFor(role: 'admin' | 'operator'): Promise<string> {
  const passwordHash = await hashPassword(PASSWORD);
  const { user } = await upsertUser(database.db, { email: `${role}@kesbang.test`, role, name: role, passwordHash });
  const token = newSecret('hk_');
  await insertApiToken(database.db, { userId: user.id, name: 'test', tokenHash: hashSecret(token) });
  return token;
}

beforeAll(async () => {
  database = await createTestDatabase('appbrowser');
  prefix = uniquePrefix('appbrowser');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  service = await startService(
    parseConfig(
      testEnv(database, prefix, { PORT: String(port), PUBLIC_URL: base, HALO_ROLES: 'api,normalize,outbound' }),
    ),
    logger,
  );
  admin = await tokenFor('admin');
  operator = await tokenFor('operator');
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await service?.close();
  await database?.drop();
  await clearPrefix(prefix);
  if (!process.env.HALO_DOC_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
});

const api = (method: string, url: string, token: string, body?: unknown) =>
  fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

/** What the office's Android phone would send next: the SMSSync task=send queue. */
async function gatewaySms(): Promise<{ to: string; message: string }[]> {
  const res = await fetch(`${base}/webhooks/smssync?task=send&secret=${SECRET}`);
  return ((await res.json()) as { payload: { messages: { to: string; message: string }[] } }).payload.messages;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(shots, name), fullPage });
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const bad = await axeViolations(page);
  expect({ screen, violations: bad }).toEqual({ screen, violations: [] });
}

const incidentsFrom = () =>
  database.db
    .selectFrom('incidents')
    .select(['id', 'reference', 'channel', 'kelurahan', 'rt', 'rw', 'priority', 'category'])
    .where('channel', '=', 'app')
    .orderBy('id')
    .execute();

test('an RT head installs nothing, signs in by SMS code, reports offline and online, reads the reply', async () => {
  // The office registers the RT head.
  const registered = await api('POST', '/api/reporters', admin, {
    name: 'Andi Baso',
    phone: '0813 5550 1234',
    role: 'ketua_rt',
    kelurahan: 'Ponjalae',
    rt: '02',
    rw: '01',
  });
  expect(registered.status).toBe(201);
  expect(((await registered.json()) as { label: string }).label).toBe('Ketua RT 02/RW 01 Ponjalae');

  const context: BrowserContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'allow',
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/app`);
  await page.getByLabel('Nomor HP Anda').waitFor();
  await page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } }
    ).navigator.serviceWorker.ready.then(() => true),
  );
  await shot(page, 'app-sign-in.png');
  await expectAccessible(page, 'sign-in');

  // Sign-in: the code comes from the SMS the office's phone is asked to send.
  await page.getByLabel('Nomor HP Anda').fill('0813-5550-1234');
  await page.getByRole('button', { name: 'Kirim kode lewat SMS' }).click();
  await page.getByLabel('Kode 6 angka dari SMS').waitFor();
  const sms = await waitFor(async () => (await gatewaySms()).find((m) => m.to === PHONE), { what: 'sign-in SMS' });
  expect(sms.message.length).toBeLessThanOrEqual(160);
  const code = /\b(\d{6})\b/.exec(sms.message)?.[1];
  expect(code).toBeDefined();
  await page.getByLabel('Kode 6 angka dari SMS').fill(code!);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.locator('#who', { hasText: 'Ketua RT 02/RW 01 Ponjalae' }).waitFor();
  await expect(page.locator('#area').textContent()).resolves.toContain('RT 02/RW 01, Kel. Ponjalae');
  await expectAccessible(page, 'report form');

  // The normalizer suggests a category while the reporter types.
  await page.getByLabel('Apa yang terjadi?').fill('Ada pesta miras dan judi di pos ronda, warga resah');
  await page.locator('#suggest', { hasText: 'Saran jenis kejadian' }).waitFor({ timeout: 10_000 });
  await expect(page.getByLabel(/Jenis kejadian/).inputValue()).resolves.toBe('penyakit_masyarakat');
  await shot(page, 'app-form.png');

  // No signal: the report stays on the phone, "menunggu sinyal".
  await context.setOffline(true);
  await page.getByLabel('Apa yang terjadi?').fill('Dua kelompok pemuda saling lempar batu di lorong, ada yang luka');
  await page.getByText('Mendesak — perlu segera ditangani').click();
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  const first = page.locator('#outbox li').first();
  await first.locator('.state', { hasText: 'Menunggu sinyal' }).waitFor();
  await expect(page.locator('#net').textContent()).resolves.toContain('Tanpa sinyal');
  // Closing and opening the app without signal loses nothing: the service worker serves it, IndexedDB kept it.
  await page.reload();
  await page.locator('#outbox li .state', { hasText: 'Menunggu sinyal' }).waitFor();
  await page.locator('#outbox').scrollIntoViewIfNeeded();
  await shot(page, 'app-offline.png');
  expect(await incidentsFrom()).toEqual([]);

  // Signal again: it is sent by itself and shows its reference code.
  await context.setOffline(false);
  const sent = await page
    .locator('#outbox li .state', { hasText: /Terkirim HK-/ })
    .first()
    .textContent({ timeout: 30_000 });
  const reference = /HK-[A-Z0-9]+/.exec(sent ?? '')?.[0];
  let stored = await incidentsFrom();
  expect(stored.map((i) => i.reference)).toEqual([reference]);
  expect(stored[0]).toMatchObject({ kelurahan: 'Ponjalae', rt: '2', rw: '1', priority: 'urgent' });

  // A report whose first answer is lost on the way back (the app retries it), sent with a double tap.
  let posts = 0;
  await context.route('**/api/app/reports', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts += 1;
    if (posts === 1) {
      await route.fetch(); // the server stores it …
      return route.abort('connectionreset'); // … but the phone never hears back
    }
    return route.continue();
  });
  await page.getByLabel('Apa yang terjadi?').fill('Spanduk provokatif dipasang orang tak dikenal di depan masjid');
  await page.getByRole('button', { name: 'Kirim laporan' }).dblclick();
  await waitFor(async () => (await incidentsFrom()).length === 2 && posts >= 2, { timeoutMs: 30_000, what: 'retry' });
  await page
    .locator('#outbox li .state', { hasText: /Terkirim HK-/ })
    .nth(1)
    .waitFor({ timeout: 30_000 });
  stored = await incidentsFrom();
  expect(stored).toHaveLength(2);
  const raws = await database.db
    .selectFrom('raw_messages')
    .select('external_id')
    .where('channel', '=', 'app')
    .execute();
  expect(raws).toHaveLength(2);
  await context.unroute('**/api/app/reports');

  // Staff answer the first report; the RT head reads it in "Laporan saya".
  const replied = await api('POST', `/api/incidents/${stored[0]!.id}/replies`, operator, {
    text: 'Terima kasih Pak, Babinsa dan Bhabinkamtibmas sudah menuju lokasi.',
  });
  expect(replied.status).toBe(202);
  await page.getByRole('button', { name: /Laporan saya/ }).click();
  await page.locator('.reply', { hasText: 'Babinsa dan Bhabinkamtibmas sudah menuju lokasi' }).waitFor();
  await expect(page.locator('#mine').textContent()).resolves.toContain(reference!);
  await shot(page, 'app-my-reports.png');
  await expectAccessible(page, 'my reports');
  // Opened in the app: the reply is marked read, so its SMS copy will not be sent.
  await waitFor(
    async () =>
      database.db
        .selectFrom('incident_messages')
        .select('id')
        .where('incident_id', '=', stored[0]!.id)
        .where('app_seen_at', 'is not', null)
        .executeTakeFirst(),
    { what: 'reply seen' },
  );

  // The workspace marks the incident as the registered reporter's.
  const detail = (await (await api('GET', `/api/incidents/${stored[0]!.id}`, operator)).json()) as {
    reporter: { registered: string };
  };
  expect(detail.reporter.registered).toBe('Ketua RT 02/RW 01 Ponjalae');
  expect(dialogs).toEqual([]);
  // The reporter's number never reached the logs.
  expect(lines.join('\n')).not.toContain('1355501234');
  await context.close();
}, 180_000);

test.each([
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const)(
  'an admin registers and switches off a reporter in the workspace (%s)',
  async (size, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill('admin@kesbang.test');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${base}/incidents`);
    await page.getByRole('link', { name: 'Pelapor terdaftar' }).click();
    await page.waitForURL(`${base}/admin/reporters`);
    const phone = size === 'desktop' ? '0813 5550 2001' : '0813 5550 2002';
    await page.getByLabel('Nama').fill(`Muh. Yusuf ${size}`);
    await page.getByLabel('Nomor HP').fill(phone);
    await page.getByLabel('Peran').selectOption('ketua_rw');
    await page.getByLabel('Kelurahan').selectOption({ label: 'Balandai' });
    await page.getByLabel('RW', { exact: true }).fill('04');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Daftarkan' }).click()]);
    const row = page.locator('tr', { hasText: `Muh. Yusuf ${size}` });
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('Ketua RW 04 Balandai');
    // A second registration of the same number is refused with a message the admin can read.
    await page.getByLabel('Nama').fill('Orang lain');
    await page.getByLabel('Nomor HP').fill(phone);
    await page.getByLabel('Peran').selectOption('fkdm');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.locator('.form-error', { hasText: 'nomor HP ini sudah terdaftar' }).waitFor();
    await expectAccessible(page, `workspace reporters (${size})`);
    if (size === 'desktop') await shot(page, 'workspace-reporters.png', true);
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Nonaktifkan' }).click()]);
    await expect(
      page
        .locator('tr', { hasText: `Muh. Yusuf ${size}` })
        .locator('td')
        .nth(4)
        .textContent(),
    ).resolves.toBe('nonaktif');
    await context.close();
  },
  60_000,
);

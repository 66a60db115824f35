/**
 * The users page in headless Chromium (Debian's chromium through playwright-core), at desktop (1280×800) and phone
 * (390×844) size: an admin adds a colleague, gives a script a token (shown once), takes access back; axe-core finds no
 * serious or critical violation; an operator changes their own password. Screenshots are kept in a temporary folder
 * named in the test output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { bearer as bearerOf, PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

jest.setTimeout(120_000);

let ws: Workspace;
let browser: Browser;
let base: string;
const shots = mkdtempSync(path.join(tmpdir(), 'halo-access-'));

beforeAll(async () => {
  ws = await startWorkspace('access-browser');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  process.stdout.write(`access page screenshots: ${shots}\n`);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function signIn(size: keyof typeof SIZES, email: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[size] });
  const page = await context.newPage();
  await page.goto(`${base}/login?next=/admin/users`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForLoadState('networkidle');
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.each(Object.keys(SIZES) as (keyof typeof SIZES)[])(
  'users page at %s size: no serious accessibility violation, no sideways scrolling',
  async (size) => {
    const page = await signIn(size, 'admin@kesbang.test');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await page.screenshot({ path: path.join(shots, `users-${size}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  },
);

test('an admin adds a colleague, gives a script a token shown once, and takes access back', async () => {
  const page = await signIn('desktop', 'admin@kesbang.test');
  const add = page.getByRole('form', { name: 'Tambah pengguna' });
  await add.getByLabel('Nama').fill('Rina Wulandari');
  await add.getByLabel('Email').fill('rina@kesbang.test');
  await add.getByLabel('Peran').selectOption({ label: 'Operator' });
  await add.getByLabel('Kata sandi awal').fill('password123');
  await add.getByRole('button', { name: 'Tambah pengguna' }).click();
  const refusal = add.getByRole('alert');
  await refusal.filter({ hasText: 'terlalu umum' }).waitFor();
  await add.getByLabel('Kata sandi awal').fill('sandi-rina-yang-kuat-1');
  await Promise.all([page.waitForEvent('load'), add.getByRole('button', { name: 'Tambah pengguna' }).click()]);
  const rina = page.locator('li.person', { hasText: 'rina@kesbang.test' });
  await expect(rina.textContent()).resolves.toContain('Operator');

  const tokenForm = page.getByRole('form', { name: 'Buat token API' });
  await tokenForm.getByLabel('Pengguna').selectOption({ label: 'Rina Wulandari' });
  await tokenForm.getByLabel('Nama token').fill('ekspor');
  await tokenForm.getByLabel('Berlaku sampai (boleh kosong)').fill('2099-12-31');
  await tokenForm.getByRole('button', { name: 'Buat token' }).click();
  const output = tokenForm.locator('output');
  await output.waitFor({ state: 'visible' });
  const secret = (await output.textContent())!.trim();
  expect(secret).toMatch(/^hk_/);
  await page.screenshot({ path: path.join(shots, 'token-once.png') });
  const bearer = () => ws.app.inject({ url: '/api/incidents', headers: { authorization: `Bearer ${secret}` } });
  expect((await bearer()).statusCode).toBe(200);
  await page.reload();
  expect(await page.content()).not.toContain(secret);

  // Rina logs in elsewhere; the admin disables her: session and token end at once.
  const rinaPage = await signIn('phone', 'rina@kesbang.test', 'sandi-rina-yang-kuat-1');
  await rinaPage.goto(`${base}/incidents`);
  expect(new URL(rinaPage.url()).pathname).toBe('/incidents');
  await Promise.all([
    page.waitForEvent('load'),
    page.locator('li.person', { hasText: 'rina@kesbang.test' }).getByRole('button', { name: 'Nonaktifkan' }).click(),
  ]);
  await expect(page.locator('li.person', { hasText: 'rina@kesbang.test' }).textContent()).resolves.toContain(
    'Nonaktif',
  );
  expect((await bearer()).statusCode).toBe(401);
  await rinaPage.goto(`${base}/incidents`);
  expect(new URL(rinaPage.url()).pathname).toBe('/login');
  await page.screenshot({ path: path.join(shots, 'users-after.png'), fullPage: true });
  await page.context().close();
  await rinaPage.context().close();
});

test('an operator changes their own password from the page', async () => {
  const page = await signIn('phone', 'operator@kesbang.test');
  await page.getByRole('link', { name: 'Kata sandi' }).click();
  await page.waitForURL(`${base}/account/password`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Kata sandi saat ini').fill(PASSWORD);
  await page.getByLabel('Kata sandi baru').fill('sandi-operator-baru-99');
  await Promise.all([page.waitForURL(/changed=1/), page.getByRole('button', { name: 'Ganti kata sandi' }).click()]);
  await expect(page.getByRole('status').textContent()).resolves.toContain('Kata sandi sudah diganti');
  await page.screenshot({ path: path.join(shots, 'password-phone.png'), fullPage: true });
  await page.context().close();
});

test.each(Object.keys(SIZES) as (keyof typeof SIZES)[])(
  'the audit log and the failed jobs at %s size read in Indonesian, fit the screen and pass axe',
  async (size) => {
    const admin = bearerOf(ws, 'admin');
    const hook = await ws.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { url: 'https://mitra.example.go.id/halo', events: ['incident.created'] },
    });
    expect(hook.statusCode).toBe(201);
    const key = await ws.app.inject({
      method: 'POST',
      url: '/api/open311/keys',
      headers: admin,
      payload: { name: 'SP4N-LAPOR' },
    });
    expect(key.statusCode).toBe(201);
    const page = await signIn(size, 'admin@kesbang.test');
    await page.goto(`${base}/admin/audit`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Menambahkan langganan webhook mitra (1 jenis kejadian)');
    expect(text).toContain('Membuat kunci Open311 untuk SP4N-LAPOR');
    await page.screenshot({ path: path.join(shots, `audit-${size}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(
      0,
    );
    await page.goto(`${base}/admin/dead-letters`);
    await page.screenshot({ path: path.join(shots, `dead-letters-${size}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(
      0,
    );
    await page.context().close();
  },
);

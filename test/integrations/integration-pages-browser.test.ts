/**
 * The admin's webhook page and the API documentation page in headless Chromium, at desktop (1280×800) and phone
 * (390×844) size: subscribe a partner through the form, read its delivery log, read the API description; nothing
 * wider than the screen, no script error.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { PASSWORD, startWorkspace, type Workspace } from '../http/workspace-harness';

let ws: Workspace;
let browser: Browser;
let base: string;
const shots = path.join(tmpdir(), 'halo-integration-shots');
mkdirSync(shots, { recursive: true });

beforeAll(async () => {
  ws = await startWorkspace('intpages');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

async function signIn(page: Page) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('admin@kesbang.test');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: /masuk/i }).click();
  await page.waitForURL(/\/incidents/);
}

async function fitsScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return g.document.documentElement.scrollWidth <= g.innerWidth;
  });
}

test.each([
  ['desktop', 1280, 800],
  ['phone', 390, 844],
])('webhook page and API docs at %s size', async (label, width, height) => {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page);
  await page.getByRole('link', { name: 'Webhook' }).click();
  await page.waitForURL(/\/admin\/webhooks$/);
  await page.getByLabel('Nama mitra').fill(`BPBD Palopo ${label}`);
  await page
    .getByLabel('URL penerima')
    .fill(`https://sistem-bpbd.example.go.id/terima-laporan-dari-halo-kesbang/${label}`);
  await page.getByLabel(/Rahasia bersama/).fill('rahasia-bersama-bpbd-0123456789');
  await page.getByLabel('incident.updated').uncheck();
  await page.getByRole('button', { name: 'Simpan langganan' }).click();
  await page.getByRole('cell', { name: `BPBD Palopo ${label}` }).waitFor();
  expect(await fitsScreen(page)).toBe(true);
  await page.screenshot({ path: path.join(shots, `webhooks-${label}.png`), fullPage: true });
  const row = page.getByRole('row', { name: new RegExp(`BPBD Palopo ${label}`) });
  await expect(row.getByRole('cell').nth(2).textContent()).resolves.not.toContain('incident.updated');
  await row.getByRole('link', { name: 'Log pengiriman' }).click();
  await page.getByRole('heading', { name: new RegExp(`Log pengiriman: BPBD Palopo ${label}`) }).waitFor();
  await page.getByText('Belum ada pengiriman.').waitFor();
  expect(await fitsScreen(page)).toBe(true);

  await page.goto(`${base}/docs/api`);
  await page.getByRole('heading', { name: 'Dokumentasi API' }).waitFor();
  await page.getByRole('heading', { name: 'POST /api/webhooks' }).waitFor();
  expect(await fitsScreen(page)).toBe(true);
  await page.screenshot({ path: path.join(shots, `api-docs-${label}.png`) });
  expect(errors).toEqual([]);
  await context.close();
});

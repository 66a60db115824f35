/**
 * End to end in headless Chromium (Debian's /usr/bin/chromium through playwright-core): log in, watch a new SMS
 * appear without reload, filter, open it, change status, reply, export CSV; XSS payloads in an SMS body and in
 * email HTML never run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addThreadMessage } from '../../src/db/repos/incidents';
import { launchChromium } from '../helpers/chromium';
import { PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

const XSS_SMS =
  'Ada keributan <img src=x onerror="window.__xss=1"><script>window.__xss=2</script> di Kel. Tompotikka Kec. Wara, tolong segera';
const XSS_HTML =
  '<p>Laporan</p><script>parent.__xss=3;window.__xss=3</script><img src=x onerror="parent.__xss=4"><a href="javascript:parent.__xss=5">klik</a>';

let ws: Workspace;
let browser: Browser;
let base: string;
const dir = mkdtempSync(path.join(tmpdir(), 'halo-browser-'));

beforeAll(async () => {
  ws = await startWorkspace('browser');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  await ws.ingest({ text: 'Ada pesta miras di lorong dekat pasar Kel. Balandai, warga resah', from: '+6285211112222' });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function noXss(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

test('from a new SMS to resolved and answered, in the browser', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.getByLabel('Email').fill('operator@kesbang.test');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/incidents`);
  await page.waitForSelector('#incident-list[data-connected="yes"]');

  // A new SMS through the real processor while the page is open: it appears without reload.
  const id = await ws.ingest({ text: XSS_SMS, from: '+6281234568901' });
  const row = page.locator(`tr[data-id="${id}"]`);
  await row.waitFor({ timeout: 15_000 });
  const reference = (await row.locator('a').first().textContent())!.trim();
  expect(reference).toMatch(/^HK-/);
  await expect(page.locator('#live-status').textContent()).resolves.toContain(reference);
  await noXss(page);
  await page.screenshot({ path: path.join(dir, 'workspace-list.png'), fullPage: false });

  // Filter: status new and the kecamatan of the report.
  await page.getByLabel('Status').selectOption('new');
  await page.getByLabel('Kecamatan').selectOption({ label: 'Wara' });
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await page.waitForURL(/status=new/);
  await expect(page.locator(`tr[data-id="${id}"]`).count()).resolves.toBe(1);
  await expect(page.locator('#incident-list tbody tr').count()).resolves.toBe(1);

  // Open it; email HTML with scripts is shown in a sandboxed frame and runs nothing.
  await addThreadMessage(ws.database.db, {
    incidentId: id,
    direction: 'in',
    channel: 'email',
    from: 'warga@example.id',
    body: 'lihat lampiran',
    html: XSS_HTML,
    at: new Date(),
  });
  await page.getByRole('link', { name: reference }).click();
  await page.waitForURL(`${base}/incidents/${id}`);
  await expect(page.locator('pre.body').first().textContent()).resolves.toContain('<img src=x onerror=');
  await page.locator('details summary').first().click();
  const frame = page.frameLocator('iframe.email-html');
  await expect(frame.locator('p').textContent()).resolves.toBe('Laporan');
  await noXss(page);

  // Status: new → verified → in_progress → resolved.
  for (const button of ['Verifikasi', 'Mulai tangani', 'Tandai selesai']) {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
  }
  await expect(page.locator('.badges .badge').nth(1).textContent()).resolves.toBe('Selesai');

  // Reply to the reporter: queued, its delivery state shown.
  await page
    .getByRole('textbox', { name: /Balas ke pelapor/ })
    .fill('Terima kasih, petugas sudah menangani di lokasi.');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Kirim balasan' }).click()]);
  const reply = page.locator('article.msg.out', { hasText: 'Terima kasih, petugas sudah menangani' });
  await expect(reply.locator('.delivery').textContent()).resolves.toContain('menunggu dikirim');
  await noXss(page);

  // Export the list as CSV.
  await page.goto(`${base}/incidents`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh CSV' }).click(),
  ]);
  const file = path.join(dir, 'export.csv');
  await download.saveAs(file);
  const csv = readFileSync(file);
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(csv.toString('utf8')).toContain(reference);

  expect(dialogs).toEqual([]);
  const audit = await ws.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('user_id', '=', ws.staff.operator.user.id)
    .execute();
  const actions = audit.map((a) => a.action);
  for (const a of ['session.login', 'incident.change', 'incident.reply', 'incidents.export', 'identity.view'])
    expect(actions).toContain(a);
  await context.close();
}, 60_000);

test('a viewer sees masked reporters in the page and no action forms', async () => {
  const id = await ws.ingest({
    text: 'Ada orang asing mencurigakan menginap di rumah kos Kel. Amassangan',
    from: '+6281311223344',
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('viewer@kesbang.test');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/incidents`);
  await page.goto(`${base}/incidents/${id}`);
  const content = await page.content();
  expect(content).not.toContain('+6281311223344');
  expect(content).toContain('+62813****3344');
  await expect(page.getByRole('button', { name: 'Verifikasi' }).count()).resolves.toBe(0);
  await context.close();
}, 30_000);

/**
 * The workspace as an office worker uses it, in headless Chromium at desktop (1280×800) and phone (390×844) size:
 * readable history, exports, the printable situation report (Chromium's PDF, read back with pdftotext), the list
 * as cards on a phone, keyboard use, axe-core (no serious or critical violation), a failed forward that says why.
 * Screenshots and the PDF are kept in test-artifacts/office/ (gitignored) to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localClock } from '../../src/follow-up/local-time';
import { launchChromium } from '../helpers/chromium';
import { bearer, PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

const artifacts = path.join(__dirname, '../../test-artifacts/office');
mkdirSync(artifacts, { recursive: true });

let ws: Workspace;
let browser: Browser;
let base: string;
let urgentId: string;
const today = () => localClock(new Date(), 'Asia/Makassar').date;

const SIZES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const;

beforeAll(async () => {
  ws = await startWorkspace('office-browser');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  urgentId = await ws.ingest({
    text: 'Tawuran antar pemuda di Kel. Tompotikka Kec. Wara, ada yang terluka, tolong segera',
    from: '+6281234568901',
  });
  await ws.ingest({ text: 'Ada pesta miras di lorong dekat pasar Kel. Balandai, warga resah', from: '+6285211112222' });
  await ws.ingest({ text: 'Info ada demo mahasiswa besok di depan kantor DPRD Palopo', from: '+6285298765432' });
  const op = bearer(ws, 'operator');
  await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${urgentId}`,
    headers: op,
    payload: { status: 'verified' },
  });
  await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${urgentId}`,
    headers: op,
    payload: { category: 'kriminalitas' },
  });
  const stakeholder = await ws.app.inject({
    method: 'POST',
    url: '/api/stakeholders',
    headers: bearer(ws, 'admin'),
    payload: { name: 'Polsek Wara', channel: 'whatsapp', phone: '0813-5550-0011', categories: ['kriminalitas'] },
  });
  await ws.app.inject({
    method: 'POST',
    url: `/api/incidents/${urgentId}/forwards`,
    headers: op,
    payload: { stakeholderIds: [stakeholder.json().id] },
  });
  await ws.database.db
    .updateTable('outbound_messages')
    .set({ state: 'failed', error: 'twilio error 63016: outside the whatsapp 24-hour window' })
    .where('purpose', '=', 'forward')
    .execute();
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

async function loggedIn(size: { width: number; height: number }, role = 'operator'): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: size, acceptDownloads: true });
  // Generous waits: the test machine is shared and often busy; nothing here measures speed.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(`${role}@kesbang.test`);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/incidents`);
  return [context, page];
}

/** What an office worker checks on every page: no sideways scrolling, nothing serious for axe-core. */
async function checkPage(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect({ name, overflow }).toEqual({ name, overflow: 0 });
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ name, bad }).toEqual({ name, bad: [] });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

describe.each(SIZES)('at %s size', (label, size) => {
  test('list, incident, dashboard and situation report: usable, accessible, no sideways scrolling', async () => {
    const [context, page] = await loggedIn(size);
    await checkPage(page, `${label}-list`);
    // On a phone the list is cards: each row shows its fields with their names, title and place included.
    const row = page.locator(`tr[data-id="${urgentId}"]`);
    await expect(row.locator('td.title').isVisible()).resolves.toBe(true);
    await expect(row.locator('td[data-label="Lokasi"]').isVisible()).resolves.toBe(true);

    // Keyboard: the first Tab reaches the skip link, visibly; Enter moves to the content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Lewati ke konten utama' });
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe('Lewati ke konten utama');
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.width > 0).toBe(true);
    await expect(page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).resolves.not.toBe(
      'none',
    );

    await page.goto(`${base}/incidents/${urgentId}`);
    await checkPage(page, `${label}-incident`);
    const history = (await page.locator('ol.history').textContent()) ?? '';
    expect(history).toContain('Petugas operator mengubah status dari Baru ke Terverifikasi');
    expect(history).toMatch(/Kategori dikoreksi oleh Petugas operator: .+ → Kriminalitas/);

    await page.goto(`${base}/dashboard`);
    await checkPage(page, `${label}-dashboard`);
    // The trend: every one of the 30 days, labelled in Indonesian, as wide as its card.
    const bars = await page.locator('#h-daily + svg rect').count();
    expect(bars).toBe(30);
    const trend = await page.evaluate<{ text: string; width: number; card: number }>(`(() => {
      const svg = document.querySelector('#h-daily + svg');
      return { text: svg.textContent, width: svg.getBoundingClientRect().width, card: svg.parentElement.clientWidth };
    })()`);
    expect(trend.text).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)/);
    expect(trend.width).toBeGreaterThan(trend.card * 0.85);

    await page.getByRole('link', { name: 'Minggu ini' }).first().click();
    await page.waitForURL(/\/reports\/situation\?from=\d{4}-\d{2}-\d{2}&to=/);
    await checkPage(page, `${label}-situation-report`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Laporan Situasi');
    await context.close();
  }, 300_000);
});

test('the situation report prints to a clean A4 PDF', async () => {
  const [context, page] = await loggedIn({ width: 1280, height: 800 });
  await page.goto(`${base}/reports/situation?from=${today()}&to=${today()}`);
  const file = path.join(artifacts, 'laporan-situasi.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const expected of [
    'Laporan Situasi',
    'Ringkasan',
    'Menurut kategori',
    'Menurut kecamatan',
    'Insiden mendesak dan hasilnya',
    'Tenggat respons yang terpenuhi',
    'Laporan penting lainnya',
    'Wara',
  ])
    expect(text).toContain(expected);
  // Navigation, the period form and the print button stay off paper.
  for (const absent of ['Keluar', 'Tampilkan', 'Cetak / simpan PDF', 'Lewati ke konten'])
    expect(text).not.toContain(absent);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(artifacts, 'laporan-situasi')]);
  await context.close();
}, 150_000);

test('a wrong report date is a 400 page in Bahasa Indonesia', async () => {
  const [context, page] = await loggedIn({ width: 390, height: 844 });
  for (const query of ['from=2026-02-30&to=2026-03-01', 'from=12-05-2026', 'from=2026-05-12&to=2026-05-01']) {
    const res = await page.goto(`${base}/reports/situation?${query}`);
    expect(res?.status()).toBe(400);
    await expect(page.locator('main').textContent()).resolves.toMatch(/tanggal/);
  }
  await context.close();
}, 90_000);

test('exports: the Excel link downloads a workbook with real dates', async () => {
  const [context, page] = await loggedIn({ width: 1280, height: 800 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh Excel' }).click(),
  ]);
  const file = path.join(artifacts, 'insiden.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Insiden')!;
  expect(sheet.getRow(1).getCell(2).value).toBe('Diterima');
  expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  expect(sheet.rowCount).toBe(4);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh CSV' }).click(),
  ]);
  const csvFile = path.join(artifacts, 'insiden.csv');
  await csv.saveAs(csvFile);
  expect(readFileSync(csvFile, 'utf8')).toMatch(/^\uFEFFKode;Diterima;Status;/);
  await context.close();
}, 90_000);

test.each(SIZES)(
  'a failed forward says why and is sent again by SMS (%s)',
  async (label, size) => {
    const [context, page] = await loggedIn(size);
    await page.goto(`${base}/incidents/${urgentId}`);
    const forwards = page.locator('ul.forwards li').first();
    await expect(forwards.textContent()).resolves.toContain('WhatsApp menolak pesan bebas');
    await expect(page.locator('input[name="stakeholderIds"][type="checkbox"]:checked').count()).resolves.toBe(0);
    await forwards.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, `${label}-forward-failed.png`), fullPage: false });
    if (label === 'phone') {
      await Promise.all([
        page.waitForEvent('load'),
        forwards.getByRole('button', { name: 'Kirim ulang lewat SMS' }).click(),
      ]);
      await expect(page.locator('ul.forwards li').nth(1).textContent()).resolves.toMatch(/SMS/);
    }
    await context.close();
  },
  90_000,
);

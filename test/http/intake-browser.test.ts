/**
 * The intake pages walked as office staff would, in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), at desktop (1280×800) and phone (390×844) size: recording a phone report, the settings form,
 * the holidays, "Pesan lain". Screenshots are kept in test-artifacts/screenshots/ (gitignored); axe-core finds no
 * serious or critical violation on the new-report and settings pages.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadSettings } from '../../src/settings';
import { launchChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/wait-for';
import { PASSWORD, sms, startWorkspace, type Workspace } from './workspace-harness';

const SHOTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;

let ws: Workspace;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ws = await startWorkspace('intake_browser', { worker: true });
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

async function signedIn(
  role: 'admin' | 'operator' | 'viewer',
  size: Size,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: SIZES[size] });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(`${role}@kesbang.test`);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${base}/incidents`), page.getByRole('button', { name: 'Masuk' }).click()]);
  return { context, page };
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function noSeriousViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function textShows(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await waitFor(async () => pattern.test((await page.locator(selector).textContent()) ?? ''), {
    what: `${selector} ${pattern}`,
  });
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

test.each(['desktop', 'phone'] as const)(
  'an operator records a phone call (%s)',
  async (size) => {
    const { context, page } = await signedIn('operator', size);
    if (size === 'desktop') await page.getByRole('link', { name: 'Catat laporan' }).click();
    else await page.goto(`${base}/incidents/new`);
    await page.waitForURL(`${base}/incidents/new`);
    await page
      .getByLabel('Isi laporan')
      .fill('Pelapor menelepon: tawuran pemuda sekarang di RT 03 RW 02 Kel. Tompotikka, ada yang luka, tolong segera');
    // What the system read appears as staff type.
    await waitFor(async () => (await page.locator('#r-category').inputValue()) === 'konflik_sosial', {
      what: 'the category read while typing',
    });
    await expect(page.locator('#r-kelurahan-read').textContent()).resolves.toContain('Tompotikka');
    expect(await page.locator('#r-priority').inputValue()).toBe('urgent');
    expect(await page.locator('#r-rt').inputValue()).toBe('3');
    // Staff know better: it is a clash between villages, but not life-threatening any more.
    await page.getByLabel('Prioritas').selectOption('high');
    await expect(page.locator('#r-priority-read').textContent()).resolves.toContain('Diubah petugas');
    await page
      .getByLabel('Nomor telepon pelapor (boleh kosong)')
      .fill('0812 4455 66' + (size === 'phone' ? '78' : '77'));
    await page.getByLabel('Nama pelapor (boleh kosong)').fill('Pak Rahman');
    await page.getByLabel('Kirim kode laporan ke pelapor lewat SMS').check();
    await noSidewaysScroll(page);
    await noSeriousViolations(page);
    await shot(page, `new-report-${size}`);

    await Promise.all([
      page.waitForURL(/\/incidents\/\d+\?saved=1$/),
      page.getByRole('button', { name: 'Simpan laporan' }).click(),
    ]);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const incident = await ws.database.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(incident).toMatchObject({
      channel: 'phone',
      priority: 'high',
      category: 'konflik_sosial',
      rt: '3',
      rw: '2',
    });
    await expect(page.locator('h1').textContent()).resolves.toContain(incident.reference);
    await expect(page.locator('main').textContent()).resolves.toContain('Telepon');
    // The reporter gets the code by SMS: read it as they would.
    const ack = await ws.database.db
      .selectFrom('outbound_messages')
      .select(['body', 'channel', 'to_address'])
      .where('incident_id', '=', id)
      .where('purpose', '=', 'ack')
      .executeTakeFirstOrThrow();
    expect(ack.channel).toBe('sms');
    expect(ack.body).toContain(incident.reference);
    await shot(page, `new-report-saved-${size}`);

    // The channel filter offers "Telepon" and finds it.
    await page.goto(`${base}/incidents`);
    await page.getByLabel('Kanal').selectOption({ label: 'Telepon' });
    await Promise.all([page.waitForURL(/channel=phone/), page.getByRole('button', { name: 'Terapkan' }).click()]);
    await expect(page.locator(`tr[data-id="${id}"]`).count()).resolves.toBe(1);
    // And the dashboard counts it under its channel.
    await page.goto(`${base}/dashboard`);
    await expect(page.locator('section[aria-labelledby="h-channel"]').textContent()).resolves.toContain('Telepon');
    await context.close();
  },
  90_000,
);

test.each(['desktop', 'phone'] as const)(
  'an admin changes settings in the form (%s)',
  async (size) => {
    const { context, page } = await signedIn('admin', size);
    await page.goto(`${base}/admin/settings`);
    await expect(page.getByRole('heading', { name: 'Pengaturan', exact: true }).count()).resolves.toBe(1);
    // The template's preview: what a reporter reads and how many SMS it costs.
    const ack = page.getByLabel('Tanda terima laporan baru');
    const length = page.locator('#s-ackTemplate-preview .sms-length');
    await waitFor(async () => /\d+ karakter, \d SMS/.test((await length.textContent()) ?? ''), { what: 'SMS length' });
    await ack.fill('Laporan {reference} kami terima. Terima kasih - Kesbangpol Palopo');
    await waitFor(async () => (await length.textContent())?.startsWith('63 karakter, 1 SMS'), { what: 'new length' });
    await expect(page.locator('#s-ackTemplate-preview .sms-preview').textContent()).resolves.toBe(
      'Laporan HK-7Q3F2K kami terima. Terima kasih - Kesbangpol Palopo',
    );
    await noSidewaysScroll(page);
    await noSeriousViolations(page);
    await shot(page, `settings-${size}`);
    await page.locator('#s-deadlineTargets').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `settings-deadlines-${size}.png`) });

    // A template without the code is refused next to its field; nothing is saved.
    await ack.fill('Laporan kami terima.');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await textShows(page, '#s-ackTemplate-error', /harus memuat \{reference\}/);
    await page.screenshot({ path: path.join(SHOTS, `settings-error-${size}.png`) });
    expect((await loadSettings(ws.database.db)).ackTemplate).not.toBe('Laporan kami terima.');

    // Office hours, a cuti bersama row, a recipient: saved.
    await ack.fill('Laporan {reference} kami terima. Terima kasih - Kesbangpol Palopo');
    await page.locator('#s-workingHours').fill('07:30');
    await page.getByRole('button', { name: 'Tambah tanggal' }).click();
    const row = page.locator('#s-holidays li').last();
    await row.getByLabel('Tanggal').fill('2026-12-24');
    await row.getByLabel('Keterangan').fill('Cuti bersama Natal');
    await page.getByRole('button', { name: 'Tambah alamat' }).click();
    await page.locator('#s-dailySummaryRecipients li input').last().fill('kepala@palopokota.go.id');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await textShows(page, '.saved', /Tersimpan/);
    const settings = await loadSettings(ws.database.db);
    expect(settings.workingHours).toEqual({ from: '07:30', to: '16:00' });
    expect(settings.holidays).toContainEqual({ date: '2026-12-24', name: 'Cuti bersama Natal' });
    expect(settings.dailySummaryRecipients).toContain('kepala@palopokota.go.id');

    // The year's holidays, national and the office's own.
    await page.getByRole('link', { name: 'Lihat semua hari libur setahun' }).click();
    await page.goto(`${base}/holidays?year=2026`);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const name of ['Hari Raya Idul Fitri', 'Hari Raya Nyepi', 'Hari Raya Waisak', 'Cuti bersama Natal']) {
      expect(text).toContain(name);
    }
    await noSidewaysScroll(page);
    await shot(page, `holidays-${size}`);
    // Remove the rows again for the next size.
    await page.goto(`${base}/admin/settings`);
    for (const button of await page.locator('#s-holidays [data-remove]').all()) await button.click();
    for (const button of await page.locator('#s-dailySummaryRecipients [data-remove]').all()) await button.click();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await textShows(page, '.saved', /Tersimpan/);
    expect((await loadSettings(ws.database.db)).holidays).toEqual([]);
    await context.close();
  },
  90_000,
);

test('"Pesan lain": a viewer sees it masked, an operator turns a misread message into an incident', async () => {
  const raw = sms('Selamat pagi pak, nomor saya 0812 3456 7890 ganti ya', '+6281298765432');
  await ws.queues.addInbound(raw);
  await waitFor(
    async () =>
      (
        await ws.database.db
          .selectFrom('raw_messages')
          .select('state')
          .where('external_id', '=', raw.externalId)
          .executeTakeFirst()
      )?.state === 'processed',
    { what: 'noise stored' },
  );
  const viewer = await signedIn('viewer', 'phone');
  await viewer.page.getByRole('link', { name: 'Pesan lain' }).click();
  await viewer.page.waitForURL(`${base}/messages`);
  const seen = (await viewer.page.locator('main').textContent()) ?? '';
  expect(seen).toContain('Tidak relevan');
  expect(seen).not.toContain('98765432');
  expect(seen).not.toContain('3456 7890');
  await noSidewaysScroll(viewer.page);
  await shot(viewer.page, 'other-messages-viewer-phone');
  await viewer.context.close();

  const operator = await signedIn('operator', 'desktop');
  await operator.page.goto(`${base}/messages`);
  await shot(operator.page, 'other-messages-desktop');
  const card = operator.page.locator('article.other-message', { hasText: 'Selamat pagi pak' });
  await Promise.all([
    operator.page.waitForURL(`${base}/incidents`),
    card.getByRole('button', { name: 'Jadikan insiden' }).click(),
  ]);
  const incident = await ws.database.db
    .selectFrom('incidents as i')
    .innerJoin('raw_messages as r', 'r.id', 'i.first_raw_message_id')
    .select(['i.id', 'i.channel'])
    .where('r.external_id', '=', raw.externalId)
    .executeTakeFirstOrThrow();
  expect(incident.channel).toBe('sms');
  await operator.page.goto(`${base}/messages`);
  await expect(operator.page.locator('article.other-message', { hasText: 'Selamat pagi pak' }).count()).resolves.toBe(
    0,
  );
  await operator.context.close();
}, 90_000);

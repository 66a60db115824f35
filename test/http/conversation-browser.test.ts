/**
 * The incident page of a conversation in headless Chromium (Debian's /usr/bin/chromium through playwright-core), at
 * desktop and phone size: why a message joined, which message the guard left unanswered, and an operator splitting
 * a follow-up out into an incident of its own. Screenshots go to HALO_SCREENSHOTS (a temporary folder by default).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let browser: Browser;
let base: string;
const keep = process.env.HALO_SCREENSHOTS;
const dir = keep ?? mkdtempSync(path.join(tmpdir(), 'halo-conversation-'));
const PHONE = '+6281355557777';
let incidentId: string;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  ws = await startWorkspace('convbrowser');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  // Three reports of one number within the hour use up its acknowledgements; the fourth gets none.
  await ws.ingest({ text: 'Ada tawuran pemuda di Jl. Andi Djemma dekat pasar', from: PHONE, receivedAt: at(40) });
  await ws.ingest({ text: 'Ada unjuk rasa di depan kantor wali kota Palopo', from: PHONE, receivedAt: at(30) });
  await ws.ingest({ text: 'Ada kebakaran rumah warga di Kel. Amassangan', from: PHONE, receivedAt: at(20) });
  incidentId = await ws.ingest({
    text: 'Ada pencurian motor di parkiran masjid raya',
    from: PHONE,
    receivedAt: at(12),
  });
  const joined = await ws.ingest({ text: 'pelakunya sdh kabur ke arah pasar, 2 org pakai motor hitam', from: PHONE });
  expect(joined).toBe(incidentId);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
});

async function loggedIn(role: 'operator' | 'viewer', viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(`${role}@kesbang.test`);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/incidents`);
  return { context, page };
}

test.each([
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
])(
  'a viewer reads why each message is in the thread (%s), without the number',
  async (name, viewport) => {
    const { context, page } = await loggedIn('viewer', viewport);
    await page.goto(`${base}/incidents/${incidentId}`);
    await expect(page.locator('.join-reason').textContent()).resolves.toBe(
      'Masuk ke insiden ini karena pesan lanjutan dari pelapor yang sama, 12 menit setelah laporan.',
    );
    await expect(page.locator('.unanswered').textContent()).resolves.toMatch(
      /^Tidak dibalas otomatis: batas balasan otomatis per jam ke pengirim ini tercapai/,
    );
    expect(await page.content()).not.toContain('55557777');
    await expect(page.getByRole('button', { name: 'Pisahkan jadi insiden baru' }).count()).resolves.toBe(0);
    // Nothing runs off the side on a phone.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(viewport.width);
    await page.locator('#h-thread').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, `conversation-viewer-${name}.png`) });
    await context.close();
  },
  30_000,
);

test('an operator splits the follow-up out: it leaves the thread, a new incident holds it, history says so', async () => {
  const { context, page } = await loggedIn('operator', { width: 1280, height: 800 });
  await page.goto(`${base}/incidents/${incidentId}`);
  await page.locator('#h-thread').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(dir, 'conversation-operator-desktop.png') });
  await page.getByRole('button', { name: 'Pisahkan jadi insiden baru' }).click();
  await page.waitForLoadState('load');
  await page.locator('.join-reason').waitFor({ state: 'detached' });
  await expect(page.locator('.history').textContent()).resolves.toContain('memisahkan satu pesan menjadi insiden baru');
  await expect(page.locator('#h-thread').textContent()).resolves.toContain('Percakapan (1)');
  const split = await ws.database.db
    .selectFrom('incidents')
    .select(['id', 'category', 'message_count'])
    .where('id', '>', incidentId)
    .execute();
  expect(split).toEqual([expect.objectContaining({ category: 'kriminalitas', message_count: 1 })]);
  await context.close();
}, 30_000);

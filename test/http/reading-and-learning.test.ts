/**
 * Why the reading is what it is, and learning from the office's corrections, end to end: SMS through the real
 * inbound processor, the incident page in headless Chromium (desktop and phone) listing which field each word
 * decided, a correction made in the page kept as a labelled example, `halo learn` run as an operator would, and the
 * nightly job scheduled on the real follow-up queue and writing the report `halo learn --last` prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { createFollowUpProcessor } from '../../src/follow-up/follow-up-processor';
import { createFollowUpQueue, type FollowUpJobData, scheduleLearningReport } from '../../src/follow-up/follow-up-queue';
import { createProducerConnection } from '../../src/queues/redis-connections';
import { launchChromium } from '../helpers/chromium';
import { spawnService } from '../helpers/spawn-service';
import { captureLogger } from '../helpers/test-logger';
import { REDIS_URL } from '../helpers/test-redis';
import { PASSWORD, startWorkspace, type Workspace } from './workspace-harness';

// Three `halo` processes start through tsx: slow on a busy machine.
jest.setTimeout(240_000);

let ws: Workspace;
let browser: Browser;
let base: string;
// SCREENSHOT_DIR keeps the screenshots for a person to look at; otherwise they go to a temporary folder.
const keep = process.env.SCREENSHOT_DIR;
const dir = keep ?? mkdtempSync(path.join(tmpdir(), 'halo-reading-'));

beforeAll(async () => {
  ws = await startWorkspace('reading');
  base = await ws.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
});

async function logIn(page: Page): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('operator@kesbang.test');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/incidents`);
}

function halo(args: string[]) {
  return spawnService(
    { DATABASE_URL: ws.config.DATABASE_URL, REDIS_URL, QUEUE_PREFIX: ws.config.QUEUE_PREFIX, LOG_LEVEL: 'warn' },
    'src/cli/main.ts',
    args,
  );
}

test('the incident page says which field each recognised word decided, at desktop and phone size', async () => {
  const id = await ws.ingest({ text: 'Tawuran antar pemuda di Kel. Ponjalae skrg, 2 org luka kena busur' });
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${base}/incidents/${id}`);
    const words = page.locator('dt:text("Kata yang dikenali") + dd li');
    const lines = (await words.allTextContents()).map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'tawuran → kategori Konflik sosial / tawuran, prioritas Mendesak',
        'skrg → prioritas Mendesak',
        'luka → prioritas Mendesak',
        'Ponjalae → jenis Laporan',
      ]),
    );
    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('dt:text("Kata yang dikenali")').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, `reasons-${name}.png`) });
    await context.close();
  }
});

test('a correction made in the page becomes a labelled example; halo learn and the nightly job report it', async () => {
  const id = await ws.ingest({
    text: 'Truk tambang lewat kebun warga Kel. Battang tiap malam, jalan jadi rusak dan berdebu',
    from: '+6281299990001',
  });
  const machine = await ws.database.db
    .selectFrom('incidents')
    .select(['category', 'priority'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(machine.category).not.toBe('lainnya');

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await logIn(page);
  await page.goto(`${base}/incidents/${id}`);
  await page.getByLabel('Kategori', { exact: true }).selectOption('lainnya');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Koreksi kategori' }).click()]);
  await page.getByLabel('Prioritas', { exact: true }).selectOption('high');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Koreksi prioritas' }).click()]);
  await context.close();

  const examples = await ws.database.db
    .selectFrom('labelled_examples')
    .select(['field', 'text', 'machine_value', 'corrected_value', 'corrected_by'])
    .where('incident_id', '=', id)
    .orderBy('field')
    .execute();
  expect(examples).toEqual([
    {
      field: 'category',
      text: 'Truk tambang lewat kebun warga Kel. Battang tiap malam, jalan jadi rusak dan berdebu',
      machine_value: machine.category,
      corrected_value: 'lainnya',
      corrected_by: ws.staff.operator.user.id,
    },
    expect.objectContaining({ field: 'priority', machine_value: machine.priority, corrected_value: 'high' }),
  ]);

  // halo learn, as an operator runs it: the rules still say what they said; the staff's words come first.
  const learn = halo(['learn']);
  expect(await learn.exited).toBe(0);
  const out = learn.stdout();
  expect(out).toContain('Kategori: 1 koreksi, aturan sekarang setuju dengan 0');
  expect(out).toContain(`aturan: ${machine.category} → petugas: lainnya: 1×`);
  expect(out).toMatch(/kata: .*truk \(1\)/);
  expect(out).toContain(`Prioritas: 1 koreksi, aturan sekarang setuju dengan 0`);

  // Before the nightly job ran there is no stored report.
  const none = halo(['learn', '--last']);
  expect(await none.exited).toBe(1);
  expect(none.stderr()).toContain('has not written a report yet');

  // The nightly job is a scheduler on the follow-up queue, in TIMEZONE; its run keeps the report.
  const redis = createProducerConnection(REDIS_URL);
  const followUp = createFollowUpQueue(redis, ws.config.QUEUE_PREFIX);
  try {
    await scheduleLearningReport(followUp, 'Asia/Makassar', '73.73');
    const schedulers = await followUp.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toContainEqual([
      'learning-report',
      '30 2 * * *',
      'Asia/Makassar',
    ]);
    const { logger, lines } = captureLogger();
    const process = createFollowUpProcessor({
      db: ws.database.db,
      queues: { addOutboundBulk: async () => {} },
      followUp,
      timezone: 'Asia/Makassar',
      publicUrl: base,
      logger,
    });
    const job = { name: 'learning-report', data: { regionCode: '73.73' } } as Job<FollowUpJobData>;
    expect(await process(job)).toBe(2);
    // The log says how many, never the words of reporters' messages.
    expect(lines.join('\n')).toContain('learning: corrections evaluated');
    expect(lines.join('\n')).not.toContain('truk');
  } finally {
    await followUp.close();
    await redis.quit();
  }
  const last = halo(['learn', '--last']);
  expect(await last.exited).toBe(0);
  expect(last.stdout()).toMatch(/^Laporan malam .*: 2 contoh/);
  expect(last.stdout()).toContain('truk (1)');
});

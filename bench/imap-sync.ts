/**
 * Benchmark: initial sync of a 10,000-message mailbox (about 20 KB each, one in twenty with a 200 KB attachment)
 * from a local Dovecot to incidents. The ingester runs in its own process (its peak RSS is reported); the inbound
 * workers run here. Targets: all incidents in under 60 s, ingester under 300 MB.  Run: npx tsx bench/imap-sync.ts [N]
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'bullmq';
import { createChannels } from '../src/channels/channels';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { loadGazetteer } from '../src/normalize/gazetteer-loader';
import { createInboundProcessor } from '../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../src/queues/job-options';
import { INBOUND_QUEUE } from '../src/queues/queue-names';
import { createQueues } from '../src/queues/queues';
import { createProducerConnection, createWorkerConnection } from '../src/queues/redis-connections';
import { StatusBoard } from '../src/runtime/role-status';
import { startDovecot } from '../test/helpers/dovecot';
import { createTestDatabase } from '../test/helpers/test-database';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../test/helpers/test-redis';

const N = Number(process.argv[2] ?? 10_000);
const KELURAHAN = ['Ponjalae', 'Lagaligo', 'Amassangan', 'Songka', 'Balandai', 'Sendana', 'Mungkajang', 'Binturu'];

function message(i: number): string {
  const filler = 'Warga melaporkan situasi di lingkungan kami dengan rincian sebagai berikut. '.repeat(250); // ~19 KB
  const text = `Ada tawuran di Kel. ${KELURAHAN[i % KELURAHAN.length]} tadi malam, laporan ke-${i}.\n\n${filler}`;
  const head = `From: Warga ${i} <warga${i}@example.org>\r\nTo: lapor@kesbang.example\r\nSubject: Laporan ${i}\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <bench-${i}@example.org>\r\nMIME-Version: 1.0\r\n`;
  if (i % 20 !== 0)
    return `${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${text.replace(/(.{1,76})( |$)/g, '$1\r\n')}`;
  const photo = Buffer.alloc(200 * 1024, i % 256)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return `${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--b\r\nContent-Type: image/jpeg; name="foto.jpg"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="foto.jpg"\r\n\r\n${photo}\r\n--b--\r\n`;
}

async function main() {
  const dovecot = await startDovecot();
  const tdb = await createTestDatabase('bench');
  const prefix = uniquePrefix('bench');
  try {
    // Fill the Maildir directly (APPENDing 10,000 mails would measure the setup, not the sync).
    await (await dovecot.client()).logout();
    const maildir = path.join(dovecot.dir, 'home', dovecot.user, 'Maildir');
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
    let bytes = 0;
    for (let i = 0; i < N; i++) {
      const m = message(i);
      bytes += m.length;
      const file = path.join(maildir, 'new', `${1700000000 + i}.M${i}P1.bench`);
      writeFileSync(file, m);
      chownSync(file, 65534, 65534);
    }
    execFileSync('chown', ['-R', '65534:65534', maildir]);
    const env = {
      DATABASE_URL: tdb.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      IMAP_HOST: dovecot.host,
      IMAP_PORT: String(dovecot.port),
      IMAP_SECURE: 'false',
      IMAP_USER: dovecot.user,
      IMAP_PASS: dovecot.pass,
      ACK_REPLIES: 'false',
    };
    const config = parseConfig(env);
    const redis = createProducerConnection(REDIS_URL);
    await new Promise((r) => redis.once('ready', r));
    const queues = createQueues(redis, prefix);
    const logger = createLogger('warn');
    const channels = createChannels({
      config,
      db: tdb.db,
      logger,
      metrics: createMetrics(),
      status: new StatusBoard(),
      queues,
    });
    const worker = new Worker(
      INBOUND_QUEUE,
      createInboundProcessor({
        db: tdb.db,
        queues,
        preparers: channels.preparers,
        gazetteer: loadGazetteer('73.73'),
        timezone: config.TIMEZONE,
        ackReplies: false,
        logger,
      }),
      { connection: createWorkerConnection(REDIS_URL), prefix, concurrency: 8, ...WORKER_OPTIONS },
    );
    const started = Date.now();
    const child = spawn('npx', ['tsx', path.join(__dirname, 'imap-sync-ingester.ts'), String(N)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const ingesterDone = new Promise<void>((r) => child.on('exit', () => r()));
    for (;;) {
      const row = await tdb.db
        .selectFrom('incidents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= N) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const totalMs = Date.now() - started;
    await ingesterDone;
    const ingester = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssMb: number };
    await worker.close();
    await worker.disconnect();
    await channels.close();
    await queues.close();
    redis.disconnect();
    const result = {
      messages: N,
      mailboxMb: Math.round(bytes / 1024 / 1024),
      ingesterQueuedAllMs: ingester.ms,
      incidentsAllMs: totalMs,
      ingesterPeakRssMb: ingester.maxRssMb,
      targets: 'incidents < 60000 ms, ingester < 300 MB',
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await tdb.drop();
    await dovecot.destroy();
    await clearPrefix(prefix);
  }
}

void main();

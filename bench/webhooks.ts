/**
 * Webhook ingress benchmark: signed Twilio webhooks against the real app (api role of `startService`: signature
 * check, form → RawMessage, BullMQ add on the local Redis), beside a Fastify hello-world measured in the same run.
 *   - throughput: requests/s at a fixed concurrency for a fixed time;
 *   - latency: p50/p99/p99.9 at fixed open-loop rates (100, 500, 1000 req/s), measured from each request's scheduled
 *     start so that a stalled server cannot hide its queueing (no coordinated omission).
 * The load generator runs in a worker thread (its own event loop, the second core). Loopback only; bounded in
 * count and time; the database and queue keys it makes are removed afterwards. Prints JSON.
 *
 *   npx tsx bench/webhooks.ts [--seconds 5] [--concurrency 32]
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import twilio from 'twilio';
import { parseConfig } from '../src/config';
import { ensureDatabase } from '../src/db/connection';
import { createLogger } from '../src/logger';
import { startService } from '../src/runtime/service';
import { freePort } from '../test/helpers/dovecot';
import { databaseUrl, dropDatabase } from '../test/helpers/test-database';
import { clearPrefix } from '../test/helpers/test-redis';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const CONCURRENCY = arg('concurrency', 32);
const RATES = [100, 500, 1000];
const MAX_REQUESTS = 60000; // a hard bound on any phase, whatever the speed
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');

interface Job {
  port: number;
  path: string;
  mode: 'throughput' | 'rate';
  concurrency: number;
  rate: number;
  seconds: number;
  requests: { headers: Record<string, string>; body: string }[];
}
interface Result {
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  latenciesMs: number[];
}

/** The load generator, plain JS for the worker thread: node:http with keep-alive, nothing else. */
const GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const job = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(job.concurrency, 256) });
const result = { sent: 0, ok: 0, errors: 0, statuses: {}, seconds: 0, latenciesMs: [] };
let next = 0;
function one(scheduled) {
  const r = job.requests[next++ % job.requests.length];
  result.sent++;
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: job.port, path: job.path, method: 'POST', agent,
      headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        result.statuses[res.statusCode] = (result.statuses[res.statusCode] || 0) + 1;
        if (res.statusCode === 200) result.ok++;
        result.latenciesMs.push(Number(process.hrtime.bigint() - scheduled) / 1e6);
        resolve();
      });
    });
    req.on('error', () => { result.errors++; resolve(); });
    req.end(r.body);
  });
}
async function throughput() {
  const start = process.hrtime.bigint();
  const end = start + BigInt(job.seconds * 1e9);
  const lane = async () => { while (process.hrtime.bigint() < end && result.sent < job.max) await one(process.hrtime.bigint()); };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  result.seconds = Number(process.hrtime.bigint() - start) / 1e9;
}
async function rate() {
  const total = Math.min(job.max, Math.round(job.rate * job.seconds));
  const start = process.hrtime.bigint();
  const interval = 1e9 / job.rate;
  const pending = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + BigInt(Math.round(i * interval));
    const wait = Number(scheduled - process.hrtime.bigint()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Sent early (timer granularity): count from the actual start; sent late: from the schedule.
    const now = process.hrtime.bigint();
    pending.push(one(now < scheduled ? now : scheduled));
  }
  await Promise.all(pending);
  result.seconds = Number(process.hrtime.bigint() - start) / 1e9;
}
(job.mode === 'throughput' ? throughput() : rate()).then(() => { agent.destroy(); parentPort.postMessage(result); });
`;

function run(job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(GENERATOR, { eval: true, workerData: { ...job, max: MAX_REQUESTS } });
    worker.once('message', (r: Result) => {
      void worker.terminate();
      resolve(r);
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(r: Result) {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: r.sent,
    ok: r.ok,
    errors: r.errors,
    statuses: r.statuses,
    perSecond: Math.round(r.ok / r.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    p999Ms: round(percentile(sorted, 99.9)),
  };
}

/** Distinct signed inbound WhatsApp messages (a distinct MessageSid each: every one is a real queue.add). */
function signedRequests(publicUrl: string, count: number): Job['requests'] {
  const url = `${publicUrl}/webhooks/twilio`;
  return Array.from({ length: count }, (_, i) => {
    const form: Record<string, string> = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: ACCOUNT_SID,
      From: `whatsapp:+62812${String(10000000 + (i % 89999999)).padStart(8, '0')}`,
      To: 'whatsapp:+14155238886',
      Body: 'Lapor pak, ada tawuran pemuda di Jl. Andi Djemma dekat Pasar Sentral, mohon segera dikirim petugas',
      NumMedia: '0',
      ProfileName: 'Pelapor',
      WaId: '6281200000000',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form),
      },
      body: new URLSearchParams(form).toString(),
    };
  });
}

async function measure(port: number, path: string, requests: Job['requests']) {
  const base = { port, path, requests, seconds: SECONDS, concurrency: CONCURRENCY, rate: 0 };
  await run({ ...base, mode: 'throughput', seconds: 1 }); // warm-up: JIT, connections, Redis scripts loaded
  const throughput = summary(await run({ ...base, mode: 'throughput' }));
  const rates: Record<string, ReturnType<typeof summary>> = {};
  for (const rate of RATES) rates[`${rate}/s`] = summary(await run({ ...base, mode: 'rate', rate }));
  return { throughput: { concurrency: CONCURRENCY, seconds: SECONDS, ...throughput }, rates };
}

async function main() {
  const label = randomBytes(4).toString('hex');
  const dbUrl = databaseUrl(`halo_bench_webhooks_${label}`);
  const prefix = `{halo-bench-${label}}`;
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  await ensureDatabase(dbUrl);
  const config = parseConfig({
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: 'whatsapp:+14155238886',
    HALO_ROLES: 'api',
    LOG_LEVEL: 'warn',
  });
  const service = await startService(config, createLogger('warn'), { roles: ['api'] });
  // The ceiling: Fastify parsing the same form and answering the same TwiML, with nothing in between.
  const hello = Fastify();
  await hello.register(formbody);
  hello.post('/webhooks/twilio', async (_req, reply) => reply.type('text/xml').send('<Response/>'));
  const helloPort = await freePort();
  await hello.listen({ host: '127.0.0.1', port: helloPort });
  try {
    const requests = signedRequests(publicUrl, MAX_REQUESTS);
    const helloResult = await measure(helloPort, '/webhooks/twilio', requests);
    const webhookResult = await measure(
      port,
      '/webhooks/twilio',
      requests.map((r) => ({ ...r })),
    );
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'webhook ingress (signed Twilio webhooks → BullMQ inbound queue)',
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
          targets: { perSecond: 3000, p99MsAt1000PerSecond: 25 },
          helloWorld: helloResult,
          webhooks: webhookResult,
          ratioToHelloWorld:
            Math.round((webhookResult.throughput.perSecond / helloResult.throughput.perSecond) * 100) / 100,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await hello.close();
    await service.close();
    await dropDatabase(dbUrl);
    await clearPrefix(prefix);
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});

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
import { Worker } from 'node:worker_threads';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startService } from '../src/runtime/service';
import { freePort } from '../test/helpers/free-port';
import { numberArg, numberListArg } from './lib/bench-args';
import { dropOnSignal, scratch } from './lib/scratch';
import { percentile, round } from './lib/stats';
import { signedTwilioRequests } from './lib/twilio-requests';
import { printResult, runMain } from './lib/workload-result';

const SECONDS = numberArg('seconds', 5);
const CONCURRENCY = numberArg('concurrency', 32);
const RATES = numberListArg('rates', [100, 500, 1000]);
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

function summary(r: Result) {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
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

async function measure(port: number, path: string, requests: Job['requests']) {
  const base = { port, path, requests, seconds: SECONDS, concurrency: CONCURRENCY, rate: 0 };
  await run({ ...base, mode: 'throughput', seconds: 1 }); // warm-up: JIT, connections, Redis scripts loaded
  const throughput = summary(await run({ ...base, mode: 'throughput' }));
  const rates: Record<string, ReturnType<typeof summary>> = {};
  for (const rate of RATES) rates[`${rate}/s`] = summary(await run({ ...base, mode: 'rate', rate }));
  return { throughput: { concurrency: CONCURRENCY, seconds: SECONDS, ...throughput }, rates };
}

async function main() {
  const s = scratch('webhooks');
  dropOnSignal(s);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    DATABASE_URL: s.dbUrl,
    QUEUE_PREFIX: s.prefix,
    PORT: String(port),
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: 'whatsapp:+14155238886',
    HALO_ROLES: 'api',
    LOG_LEVEL: 'warn',
  });
  const service = await startService(config, createLogger('warn'), { roles: ['api'] });
  // The ceiling: Fastify with the same form parser reading the same body, answering the same TwiML, nothing between.
  const hello = Fastify();
  await hello.register(formbody);
  hello.post<{ Body: Record<string, string> }>('/webhooks/twilio', async (req, reply) => {
    if (!req.body?.MessageSid) return reply.code(400).send();
    return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
  const helloPort = await freePort();
  await hello.listen({ host: '127.0.0.1', port: helloPort });
  try {
    const requests = signedTwilioRequests(
      publicUrl,
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
      MAX_REQUESTS,
    ).map(({ headers, body }) => ({ headers, body }));
    const helloResult = await measure(helloPort, '/webhooks/twilio', requests);
    const webhookResult = await measure(port, '/webhooks/twilio', requests);
    const at1000 = webhookResult.rates['1000/s'];
    const hello1000 = helloResult.rates['1000/s'];
    const ceiling = (value: number | undefined) =>
      value === undefined ? {} : { ceiling: { label: 'Fastify hello-world (same form parser)', value } };
    printResult({
      workload: 'webhooks',
      title: 'Webhook ingress: signed Twilio webhooks → BullMQ inbound queue (api role)',
      settings: { concurrency: CONCURRENCY, seconds: SECONDS, rates: RATES.join(',') },
      metrics: [
        {
          name: `requests/s at concurrency ${CONCURRENCY}`,
          value: webhookResult.throughput.perSecond,
          unit: '/s',
          better: 'higher',
          target: 3000,
          ...ceiling(helloResult.throughput.perSecond),
        },
        ...RATES.flatMap((rate) => {
          const r = webhookResult.rates[`${rate}/s`]!;
          const h = helloResult.rates[`${rate}/s`];
          return [
            {
              name: `p99 at ${rate}/s`,
              value: r.p99Ms,
              unit: 'ms',
              better: 'lower' as const,
              ...(rate === 1000 ? { target: 25 } : {}),
              ...ceiling(h?.p99Ms),
            },
          ];
        }),
        ...(at1000
          ? [
              {
                name: 'p50 at 1000/s',
                value: at1000.p50Ms,
                unit: 'ms',
                better: 'lower' as const,
                ...ceiling(hello1000?.p50Ms),
              },
              {
                name: 'p99.9 at 1000/s',
                value: at1000.p999Ms,
                unit: 'ms',
                better: 'lower' as const,
                ...ceiling(hello1000?.p999Ms),
              },
            ]
          : []),
      ],
      details: { helloWorld: helloResult, webhooks: webhookResult },
      profileArgs: ['--seconds', '4', '--rates', '1000'],
    });
  } finally {
    await hello.close();
    await service.close();
    await s.drop();
  }
}

runMain(main);

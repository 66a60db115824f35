/**
 * Footprint: resident memory (VmRSS from /proc) of the service as `npm start` runs it (workers/all.ts under node with
 * tsx's loader, all roles), idle after start-up and under load (signed webhooks at a fixed rate, so the api,
 * normalize and outbound roles all work), beside a node process with the same loader doing nothing. Target:
 * under 250 MB idle.
 *
 *   npx tsx bench/footprint.ts [--rate 300] [--seconds 10]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { numberArg } from './lib/bench-args';
import { residentMb } from './lib/proc-stats';
import { dropOnSignal, scratch } from './lib/scratch';
import { startSpawnedService } from './lib/spawned-service';
import { round } from './lib/stats';
import { signedTwilioRequests } from './lib/twilio-requests';
import { printResult, runMain } from './lib/workload-result';

const RATE = numberArg('rate', 300);
const SECONDS = numberArg('seconds', 10);
const IDLE_SETTLE_MS = 5000;
const TARGET_IDLE_MB = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a bare `node --import tsx` process that does nothing, after it settled. */
async function bareRuntimeMb(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib/idle-process.ts')], {
    stdio: 'ignore',
  });
  await sleep(2500);
  const { rss } = residentMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return rss;
}

/** Webhooks at `RATE`/s for `SECONDS` (open loop), sampling the service's RSS every 250 ms meanwhile. */
async function load(url: string, creds: { accountSid: string; authToken: string }, pid: number) {
  const requests = signedTwilioRequests(url, creds, RATE * SECONDS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(residentMb(pid).rss), 250);
  const start = Date.now();
  let ok = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < requests.length; i++) {
    const wait = start + (i * 1000) / RATE - Date.now();
    if (wait > 1) await sleep(wait);
    const r = requests[i]!;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.request(
          `${url}/webhooks/twilio`,
          { method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 200) ok++;
              resolve();
            });
          },
        );
        req.on('error', () => resolve());
        req.end(r.body);
      }),
    );
  }
  await Promise.all(pending);
  await sleep(3000); // the workers are still draining the backlog: keep sampling a little
  clearInterval(sampler);
  agent.destroy();
  return { sent: requests.length, ok, maxRss: Math.max(...samples), peak: residentMb(pid).peak };
}

async function main(): Promise<void> {
  const bare = await bareRuntimeMb();
  const s = scratch('footprint');
  dropOnSignal(s);
  const service = await startSpawnedService(s);
  try {
    await sleep(IDLE_SETTLE_MS);
    const idle = residentMb(service.pid).rss;
    const loaded = await load(service.url, service, service.pid);
    printResult({
      workload: 'footprint',
      title: 'Footprint of `npm start` (all roles), resident memory',
      settings: { loadRate: RATE, loadSeconds: SECONDS, idleAfterMs: IDLE_SETTLE_MS },
      metrics: [
        {
          name: 'RSS idle',
          value: round(idle, 1),
          unit: 'MB',
          better: 'lower',
          target: TARGET_IDLE_MB,
          ceiling: { label: 'bare node + tsx process', value: round(bare, 1) },
        },
        {
          name: 'RSS under load (max sampled)',
          value: round(loaded.maxRss, 1),
          unit: 'MB',
          better: 'lower',
          ceiling: { label: 'bare node + tsx process', value: round(bare, 1) },
        },
      ],
      details: { webhooksSent: loaded.sent, webhooksAccepted: loaded.ok, peakRssVmHWM: round(loaded.peak, 1) },
    });
  } finally {
    await service.stop();
    await s.drop();
  }
}

runMain(main);

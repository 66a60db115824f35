/**
 * Message to screen: signed Twilio webhooks at a fixed rate (default 100/s) into the running service (`npm start`:
 * workers/all.ts spawned, all roles), timed from each POST's start to the incident arriving on the staff list's
 * live stream (GET /api/incidents/stream, server-sent events, Bearer token of a staff account). The ceiling: the
 * webhook's own response time (the POST, accepted and queued) in the same run. Target: p95 under 500 ms (issue 19).
 *
 *   npx tsx bench/message-to-screen.ts [--rate 100] [--seconds 10]
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { numberArg } from './lib/bench-args';
import { dropOnSignal, scratch } from './lib/scratch';
import { startSpawnedService } from './lib/spawned-service';
import { latencySummary } from './lib/stats';
import { signedTwilioRequests } from './lib/twilio-requests';
import { printResult, runMain } from './lib/workload-result';

const RATE = numberArg('rate', 100);
const SECONDS = numberArg('seconds', 10);
const TARGET_P95_MS = 500;
const SETTLE_MS = 15_000; // the longest the run waits for stragglers after the last send

/** Opens the SSE stream and calls `onIncident(phone, at)` for each incident event; resolves once connected. */
function openStream(url: string, token: string, onIncident: (phone: string, at: number) => void) {
  return new Promise<http.ClientRequest>((resolve, reject) => {
    const req = http.get(`${url}/api/incidents/stream`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`bench: stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (!event.startsWith('event: incident')) continue;
          const data = event.split('\n').find((l) => l.startsWith('data: '));
          const incident = data ? (JSON.parse(data.slice(6)) as { reporter: { phone: string | null } }) : null;
          if (incident?.reporter.phone) onIncident(incident.reporter.phone, at);
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const s = scratch('screen');
  dropOnSignal(s);
  const service = await startSpawnedService(s);
  try {
    const count = Math.round(RATE * SECONDS);
    const requests = signedTwilioRequests(service.url, service, count, { reportsOnly: true });
    const sentAt = new Map<string, number>();
    const screenMs: number[] = [];
    let allSeen: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      allSeen = resolve;
    });
    const stream = await openStream(service.url, await service.adminToken(), (phone, at) => {
      const start = sentAt.get(phone);
      if (start === undefined) return; // a later change of an incident already counted
      sentAt.delete(phone);
      screenMs.push(at - start);
      if (screenMs.length === requests.length) allSeen();
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const postMs: number[] = [];
    const statuses: Record<string, number> = {};
    const posts: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < requests.length; i++) {
      const scheduled = start + (i * 1000) / RATE;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const r = requests[i]!;
      const t0 = performance.now();
      sentAt.set(r.phone, t0);
      posts.push(
        new Promise<void>((resolve) => {
          const req = http.request(
            `${service.url}/webhooks/twilio`,
            { method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } },
            (res) => {
              res.resume();
              res.on('end', () => {
                statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
                postMs.push(performance.now() - t0);
                resolve();
              });
            },
          );
          req.on('error', () => {
            statuses.error = (statuses.error ?? 0) + 1;
            resolve();
          });
          req.end(r.body);
        }),
      );
    }
    await Promise.all(posts);
    await Promise.race([seen, new Promise((r) => setTimeout(r, SETTLE_MS))]);
    stream.destroy();
    // Not on screen by the end of the wait: counted with the time waited so far, so the percentiles are a lower
    // bound instead of hiding the slowest messages.
    const seenCount = screenMs.length;
    const end = performance.now();
    for (const start of sentAt.values()) screenMs.push(end - start);
    agent.destroy();
    const screen = latencySummary(screenMs);
    const post = latencySummary(postMs);
    printResult({
      workload: 'message-to-screen',
      title: `Message to screen at ${RATE} messages/s (webhook → live list stream)`,
      settings: { rate: RATE, seconds: SECONDS, messages: requests.length, service: 'workers/all.ts, all roles' },
      metrics: [
        {
          name: 'p95',
          value: screen.p95,
          unit: 'ms',
          better: 'lower',
          target: TARGET_P95_MS,
          ceiling: { label: 'webhook response p95', value: post.p95 },
        },
        {
          name: 'p50',
          value: screen.p50,
          unit: 'ms',
          better: 'lower',
          ceiling: { label: 'webhook response p50', value: post.p50 },
        },
        {
          name: 'seen on stream',
          value: seenCount,
          unit: `of ${requests.length}`,
          better: 'higher',
          target: requests.length,
        },
      ],
      ...(seenCount < requests.length
        ? {
            notes: [
              `${requests.length - seenCount} of ${requests.length} incidents had not reached the stream ${SETTLE_MS / 1000} s after the last webhook: counted at that moment, so p50/p95 are lower bounds`,
            ],
          }
        : {}),
      details: { screen, webhookResponse: post, statuses },
      // The service process writes its own profile (bench/lib/spawned-service.ts): that is where the time goes.
      profileArgs: ['--rate', String(RATE), '--seconds', String(SECONDS)],
    });
  } finally {
    await service.stop();
    await s.drop();
  }
}

runMain(main);

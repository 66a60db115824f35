/**
 * Normalizer throughput on one core: `normalize()` over SMS-length Indonesian messages (the shared corpus), in
 * this process's main thread only, beside two ceilings measured in the same run over the same messages: the same
 * loop doing only the text cleanup (`cleanText`, the normalizer's first step), and JSON parse/stringify of each
 * message (the least any per-message work costs in JavaScript).
 *
 *   npx tsx bench/normalizer.ts [--messages 50000]
 */
import { performance } from 'node:perf_hooks';
import type { NormalizeInput } from '../src/core/normalized-message';
import { normalize } from '../src/normalize';
import { loadGazetteer } from '../src/normalize/gazetteer-loader';
import { cleanText } from '../src/normalize/text-cleanup';
import { numberArg } from './lib/bench-args';
import { senderPhone, smsTexts } from './lib/sms-corpus';
import { printResult, runMain } from './lib/workload-result';

const MESSAGES = numberArg('messages', 50_000);
const DISTINCT = 5_000; // distinct texts, cycled: the memoised typo lookups see a realistic vocabulary
const TARGET = 20_000;

/**
 * Messages per second of `fn` over `count` inputs, after a warm-up pass (JIT, memo tables): by the wall clock, and
 * by this process's CPU time, which other work on a shared machine disturbs far less.
 */
function rate(
  inputs: NormalizeInput[],
  count: number,
  fn: (input: NormalizeInput) => unknown,
): { wall: number; cpu: number } {
  let sink = 0;
  for (const input of inputs) sink += fn(input) ? 1 : 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) sink += fn(inputs[i % inputs.length]!) ? 1 : 0;
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error('unreachable'); // keeps the result alive
  return { wall: Math.round(count / seconds), cpu: Math.round(count / ((cpu.user + cpu.system) / 1e6)) };
}

async function main(): Promise<void> {
  const gazetteer = loadGazetteer('73.73');
  const receivedAt = new Date('2025-06-01T03:00:00Z').toISOString();
  const inputs: NormalizeInput[] = smsTexts(DISTINCT).map((text, i) => ({
    channel: 'sms',
    from: senderPhone(i),
    subject: null,
    text,
    receivedAt,
    profileName: null,
    geo: null,
  }));
  const ctx = { gazetteer, timezone: 'Asia/Makassar' };
  const normalizedRate = rate(inputs, MESSAGES, (input) => normalize(input, ctx));
  const normalized = normalizedRate.wall;
  const cleanup = rate(inputs, MESSAGES, (input) => cleanText(input.text)).wall;
  const json = rate(inputs, MESSAGES, (input) => JSON.parse(JSON.stringify(input))).wall;
  const avgChars = Math.round(inputs.reduce((n, i) => n + i.text.length, 0) / inputs.length);
  printResult({
    workload: 'normalizer',
    title: 'Normalizer: SMS-length messages on one core',
    settings: { messages: MESSAGES, distinctTexts: DISTINCT, averageCharacters: avgChars },
    metrics: [
      {
        name: 'messages/s',
        value: normalized,
        unit: '/s',
        better: 'higher',
        target: TARGET,
        ceiling: { label: 'text cleanup only (cleanText)', value: cleanup },
      },
    ],
    details: {
      jsonRoundTripPerSecond: json,
      microsecondsPerMessage: Math.round((1e6 / normalized) * 10) / 10,
      // What one core gives when this process has it to itself: compare runs on a loaded machine by this.
      perSecondOfCpuTime: normalizedRate.cpu,
    },
    // Long enough that start-up (module loading through tsx) is a small part of the profile.
    profileArgs: ['--messages', '150000'],
  });
}

runMain(main);

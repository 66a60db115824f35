/**
 * `halo replay [--since DATE] [--no-wait]`: re-runs normalization over stored raw messages (after the normalizer
 * improved). The machine's reading is refreshed; staff corrections are never overwritten (incident-fields.ts).
 */

import { parseArgs } from 'node:util';
import { replayableRawMessages } from '../db/repos/raw-message-scans';
import { toRawMessage } from '../db/repos/raw-messages';
import { type CliServices, openCliServices } from './cli-services';
import { drainInboundJobs } from './drain-jobs';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string' }, 'no-wait': { type: 'boolean', default: false } },
  });
  const since = values.since ? new Date(values.since) : null;
  if (since && Number.isNaN(since.getTime())) {
    process.stderr.write('replay: --since must be an ISO date like 2026-11-01\n');
    return 2;
  }
  const ctx = await openCliServices();
  try {
    return await replay(ctx, since, values['no-wait'] === true);
  } finally {
    await ctx.close();
  }
}

async function replay(ctx: CliServices, since: Date | null, noWait: boolean): Promise<number> {
  const stamp = Date.now().toString(36);
  const jobIds: string[] = [];
  let lastId = '0';
  for (;;) {
    const rows = await replayableRawMessages(ctx.db, { afterId: lastId, since, limit: 500 });
    if (rows.length === 0) break;
    await ctx.queues.inbound.addBulk(
      rows.map((row) => {
        const jobId = `replay-${row.id}-${stamp}`;
        jobIds.push(jobId);
        return { name: 'replay', data: { raw: toRawMessage(row), replay: true }, opts: { jobId } };
      }),
    );
    lastId = rows[rows.length - 1]!.id;
  }
  process.stderr.write(`replay: queued ${jobIds.length} messages\n`);
  if (noWait || jobIds.length === 0) return 0;
  const { failed } = await drainInboundJobs(ctx, jobIds);
  process.stderr.write(`replay: done, ${jobIds.length - failed.length} re-normalized, ${failed.length} failed\n`);
  return failed.length ? 1 : 0;
}

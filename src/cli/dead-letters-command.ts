/** `halo dead-letters [--retry ID | --retry-all]`: jobs that failed for good, with their error; retry them. */

import { parseArgs } from 'node:util';
import type { Job } from 'bullmq';
import { openCliServices } from './cli-services';

export async function run(args: string[]): Promise<number> {
  const { values: options } = parseArgs({
    args,
    options: { retry: { type: 'string' }, 'retry-all': { type: 'boolean', default: false } },
  });
  const ctx = await openCliServices();
  try {
    const failed: Array<{ queue: string; job: Job }> = [];
    for (const [queue, q] of [
      ['inbound', ctx.queues.inbound],
      ['outbound', ctx.queues.outbound],
    ] as const) {
      for (const job of await q.getFailed(0, 999)) failed.push({ queue, job: job as Job });
    }
    const retryId = typeof options.retry === 'string' ? options.retry : null;
    if (retryId || options['retry-all'] === true) {
      const chosen = failed.filter(({ job }) => options['retry-all'] === true || job.id === retryId);
      if (retryId && chosen.length === 0) {
        process.stderr.write(`dead-letters: no failed job with id ${retryId}\n`);
        return 1;
      }
      for (const { job } of chosen) await job.retry('failed');
      process.stderr.write(`dead-letters: retried ${chosen.length}\n`);
      return 0;
    }
    for (const { queue, job } of failed) {
      // Ids, queue, attempts and the error only: job data holds reporters' messages.
      process.stdout.write(
        `${JSON.stringify({
          id: job.id,
          queue,
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          error: job.failedReason,
        })}\n`,
      );
    }
    process.stderr.write(`dead-letters: ${failed.length} failed job(s)\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/**
 * `halo dead-letters [--retry ID | --retry-all]`: jobs that failed for good on every queue, with their error
 * (src/workspace/dead-letters.ts, as the workspace lists them); retry them.
 */

import { parseArgs } from 'node:util';
import { identityMask } from '../auth/masking';
import { listDeadLetters, retryDeadLetter } from '../workspace/dead-letters';
import { openCliServices } from './cli-services';

/** As many failed jobs per queue as the command looks at. */
const MAX_PER_QUEUE = 1000;

export async function run(args: string[]): Promise<number> {
  const { values: options } = parseArgs({
    args,
    options: { retry: { type: 'string' }, 'retry-all': { type: 'boolean', default: false } },
  });
  const ctx = await openCliServices();
  try {
    // The operator at the console sees the errors as they are, as an admin would.
    const failed = await listDeadLetters(ctx.queues, identityMask('admin'), MAX_PER_QUEUE);
    const retryId = typeof options.retry === 'string' ? options.retry : null;
    if (retryId || options['retry-all'] === true) {
      const chosen = failed.filter((d) => options['retry-all'] === true || d.jobId === retryId);
      if (retryId && chosen.length === 0) {
        process.stderr.write(`dead-letters: no failed job with id ${retryId}\n`);
        return 1;
      }
      for (const d of chosen) await retryDeadLetter(ctx.queues, d.id);
      process.stderr.write(`dead-letters: retried ${chosen.length}\n`);
      return 0;
    }
    for (const d of failed) {
      // Ids, queue, attempts and the error only: job data holds reporters' messages.
      process.stdout.write(
        `${JSON.stringify({ id: d.jobId, queue: d.queue, attempts: d.attemptsMade, failedAt: d.failedAt, error: d.failedReason })}\n`,
      );
    }
    process.stderr.write(`dead-letters: ${failed.length} failed job(s)\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/**
 * Jobs that failed for good, on every queue of the list (src/queues/queue-names.ts), and their retry
 * (docs/architecture.md rule 6): the workspace's page and API and `halo dead-letters` alike.
 */
import type { Job } from 'bullmq';
import type { IdentityMask } from '../auth/masking';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import type { StaffUser } from '../db/repos/users';
import { QUEUE_NAMES, type QueueName } from '../queues/queue-names';
import type { Queues } from '../queues/queues';

export interface DeadLetter {
  /** `<queue>:<job id>` (job ids never contain ':'). */
  id: string;
  queue: string;
  jobId: string | undefined;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** A dead letter as listed: never the job's data (it carries the reporter's message). */
function toDeadLetter(queue: string, job: Job, mask: IdentityMask): DeadLetter {
  return {
    id: `${queue}:${job.id}`,
    queue,
    jobId: job.id,
    name: job.name,
    // An error text can quote what it failed on (a number Twilio refused, an address a relay rejected).
    failedReason: mask.text(job.failedReason ?? ''),
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** The failed jobs of every queue, at most `max` per queue, queue by queue in the list's order. */
export async function listDeadLetters(
  queues: Pick<Queues, 'all'>,
  mask: IdentityMask,
  max = 500,
): Promise<DeadLetter[]> {
  const items: DeadLetter[] = [];
  for (const name of QUEUE_NAMES) {
    for (const job of await queues.all[name].getFailed(0, max - 1)) items.push(toDeadLetter(name, job, mask));
  }
  return items;
}

/** Retries one dead letter by its `<queue>:<job id>`; 'missing' when there is no such job. */
export async function retryDeadLetter(
  queues: Pick<Queues, 'all'>,
  id: string,
): Promise<'retried' | 'missing' | 'not_failed'> {
  const at = id.indexOf(':');
  const name = id.slice(0, at) as QueueName;
  const queue = at > 0 && QUEUE_NAMES.includes(name) ? queues.all[name] : undefined;
  const job = queue ? await queue.getJob(id.slice(at + 1)) : undefined;
  if (!job) return 'missing';
  if (!(await job.isFailed())) return 'not_failed';
  await job.retry('failed');
  return 'retried';
}

/** Retries one dead letter for a member of staff, audited when it was retried. */
export async function retryDeadLetterAs(
  deps: { db: Db; queues: Pick<Queues, 'all'> },
  user: StaffUser,
  id: string,
): Promise<'retried' | 'missing' | 'not_failed'> {
  const outcome = await retryDeadLetter(deps.queues, id);
  if (outcome === 'retried')
    await writeAudit(deps.db, { userId: user.id, action: 'dead_letter.retry', details: { id } });
  return outcome;
}

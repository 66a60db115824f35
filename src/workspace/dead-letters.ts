/** Jobs that failed for good on the inbound and outbound queues, and their retry (docs/architecture.md rule 6). */
import type { Job, Queue } from 'bullmq';
import type { IdentityMask } from '../auth/masking';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import type { StaffUser } from '../db/repos/users';
import { INBOUND_QUEUE, OUTBOUND_QUEUE } from '../queues/queue-names';
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

function queuesOf(queues: Pick<Queues, 'inbound' | 'outbound'>): Record<string, Queue> {
  return { [INBOUND_QUEUE]: queues.inbound as unknown as Queue, [OUTBOUND_QUEUE]: queues.outbound as unknown as Queue };
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

export async function listDeadLetters(
  queues: Pick<Queues, 'inbound' | 'outbound'>,
  mask: IdentityMask,
  max = 500,
): Promise<DeadLetter[]> {
  const items: DeadLetter[] = [];
  for (const [name, queue] of Object.entries(queuesOf(queues))) {
    for (const job of await queue.getFailed(0, max - 1)) items.push(toDeadLetter(name, job, mask));
  }
  return items;
}

/** Retries one dead letter; 'missing' when there is no such failed job. */
export async function retryDeadLetter(
  queues: Pick<Queues, 'inbound' | 'outbound'>,
  id: string,
): Promise<'retried' | 'missing' | 'not_failed'> {
  const at = id.indexOf(':');
  const queue = at > 0 ? queuesOf(queues)[id.slice(0, at)] : undefined;
  const job = queue ? await queue.getJob(id.slice(at + 1)) : undefined;
  if (!job) return 'missing';
  if (!(await job.isFailed())) return 'not_failed';
  await job.retry('failed');
  return 'retried';
}

/** Retries one dead letter for a member of staff, audited when it was retried. */
export async function retryDeadLetterAs(
  deps: { db: Db; queues: Pick<Queues, 'inbound' | 'outbound'> },
  user: StaffUser,
  id: string,
): Promise<'retried' | 'missing' | 'not_failed'> {
  const outcome = await retryDeadLetter(deps.queues, id);
  if (outcome === 'retried')
    await writeAudit(deps.db, { userId: user.id, action: 'dead_letter.retry', details: { id } });
  return outcome;
}

/**
 * The follow-up queue: escalation timers (delayed jobs, one id per incident and level, so that any number of
 * processes arming the same timer make one job) and the daily summary (a job scheduler: one job per slot, whatever
 * the number of processes). Both are processed by the outbound role.
 */
import type { Queue } from 'bullmq';
import { FOLLOW_UP_QUEUE } from '../queues/queue-names';
import { openQueue } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';

export const DAILY_SUMMARY_SCHEDULER = 'daily-summary';
export const LEARNING_REPORT_SCHEDULER = 'learning-report';

export interface EscalationJob {
  incidentId: string;
  level: number;
}

/** The nightly learning report: which gazetteer to read the corrections with. */
export interface LearningReportJob {
  regionCode: string;
}

export type FollowUpJobData = EscalationJob | LearningReportJob | Record<string, never>;

export type FollowUpQueue = Queue<FollowUpJobData>;

export function createFollowUpQueue(connection: RedisClient, prefix: string): FollowUpQueue {
  return openQueue<FollowUpJobData>(FOLLOW_UP_QUEUE, connection, prefix);
}

/** Escalation job id: `esc-<incident>-<level>` (no ':' — BullMQ refuses it — and never a bare integer). */
export function escalationJobId(incidentId: string, level: number): string {
  return `esc-${incidentId}-${level}`;
}

export async function armEscalation(queue: FollowUpQueue, job: EscalationJob, delayMs: number): Promise<void> {
  await queue.add('escalate', job, {
    jobId: escalationJobId(job.incidentId, job.level),
    delay: Math.max(0, Math.round(delayMs)),
  });
}

/**
 * The daily summary runs at minute 0 of every hour in TIMEZONE and sends once the configured hour is reached (the
 * day's dedupe key stops the later runs): changing the hour in the settings needs no rescheduling, and a process
 * that was down at that hour still sends the summary when it comes back.
 */
export async function scheduleDailySummary(queue: FollowUpQueue, timeZone: string): Promise<void> {
  await queue.upsertJobScheduler(
    DAILY_SUMMARY_SCHEDULER,
    { pattern: '0 * * * *', tz: timeZone },
    { name: 'daily-summary', data: {} },
  );
}

/**
 * The learning report runs every night at 02:30 in TIMEZONE, when nobody corrects anything: the rules are run on
 * every stored correction and the report kept for `halo learn --last` (docs/normalizer.md).
 */
export async function scheduleLearningReport(
  queue: FollowUpQueue,
  timeZone: string,
  regionCode: string,
): Promise<void> {
  await queue.upsertJobScheduler(
    LEARNING_REPORT_SCHEDULER,
    { pattern: '30 2 * * *', tz: timeZone },
    { name: 'learning-report', data: { regionCode } },
  );
}

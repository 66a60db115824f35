/**
 * The outbound role's follow-up work: escalation timers and the daily summary (jobs of the follow-up queue), and
 * arming the escalation timer whenever an alert goes out (a hook of the outbound processor). The database decides
 * everything: whether the incident was acknowledged, whether a level or a day's summary exists already.
 */
import type { Job } from 'bullmq';
import type { Db } from '../db/connection';
import type { OutboundMessageRow } from '../db/database';
import { alertOfOutbound } from '../db/repos/incident-alerts';
import { runLearningReport } from '../learning/learning-run';
import type { Logger } from '../logger';
import { type OutboundQueuer, queueOutbound } from '../outbound/queue-outbound';
import { loadSettings } from '../settings';
import { writeDailySummary } from './daily-summary-job';
import {
  armEscalation,
  type EscalationJob,
  type FollowUpJobData,
  type FollowUpQueue,
  type LearningReportJob,
} from './follow-up-queue';
import { escalate } from './incident-alerts';

export interface FollowUpDeps {
  db: Db;
  queues: OutboundQueuer;
  followUp: FollowUpQueue;
  timezone: string;
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
}

export async function runEscalation(deps: FollowUpDeps, job: EscalationJob): Promise<string> {
  const settings = await loadSettings(deps.db);
  const now = deps.now?.() ?? new Date();
  const result = await deps.db
    .transaction()
    .execute((trx) =>
      escalate(trx, job.incidentId, job.level, { settings, timezone: deps.timezone, publicUrl: deps.publicUrl, now }),
    );
  await queueOutbound(deps.queues, result.outboundIds, deps.logger);
  if (result.outcome === 'roster_exhausted')
    deps.logger.warn(
      { incidentId: job.incidentId, level: job.level },
      'escalation: nobody left on the roster to alert',
    );
  return result.outcome;
}

export async function runDailySummary(deps: FollowUpDeps): Promise<number> {
  const settings = await loadSettings(deps.db);
  const ids = await writeDailySummary(deps.db, {
    settings,
    timezone: deps.timezone,
    publicUrl: deps.publicUrl,
    now: deps.now?.() ?? new Date(),
  });
  await queueOutbound(deps.queues, ids, deps.logger);
  return ids.length;
}

export function createFollowUpProcessor(deps: FollowUpDeps) {
  return async (job: Job<FollowUpJobData>): Promise<unknown> => {
    if (job.name === 'escalate') return runEscalation(deps, job.data as EscalationJob);
    if (job.name === 'daily-summary') return runDailySummary(deps);
    if (job.name === 'learning-report')
      return runLearningReport(deps.db, {
        regionCode: (job.data as LearningReportJob).regionCode,
        timezone: deps.timezone,
        logger: deps.logger,
      });
    throw new Error(`follow-up: unknown job ${job.name}`);
  };
}

/**
 * Outbound hook: an alert row on its way out arms the timer of its level, counted from when the alert was written.
 * Armed before sending (and again on every retry: the job id collapses them), so a failed send still escalates.
 */
export function armEscalationFor(deps: Pick<FollowUpDeps, 'db' | 'followUp' | 'now'>) {
  return async (row: OutboundMessageRow): Promise<void> => {
    if (row.purpose !== 'alert' || !row.incident_id) return;
    const alert = await alertOfOutbound(deps.db, row.id);
    if (!alert) return;
    const settings = await loadSettings(deps.db);
    const due = new Date(row.created_at).getTime() + settings.escalationMinutes * 60000;
    await armEscalation(
      deps.followUp,
      { incidentId: alert.incident_id, level: alert.level },
      due - (deps.now?.() ?? new Date()).getTime(),
    );
  };
}

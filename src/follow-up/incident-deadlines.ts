/**
 * Keeps an incident's milestones (verified, first answer, resolved) and response targets up to date; called in the
 * transaction that creates the incident or changes its status or priority, and after a staff reply.
 */
import type { DbOrTrx } from '../db/connection';
import { incidentProgress, setIncidentDeadlines } from '../db/repos/incident-deadlines';
import type { DeadlineTargets, Settings } from '../settings';
import { incidentDeadlines, type WorkCalendar } from './deadlines';
import { holidayLookup } from './holidays';

const FALLBACK: DeadlineTargets = {
  verify: { workingDays: 1 },
  answer: { workingDays: 1 },
  resolve: { workingDays: 5 },
};

/** The office's calendar from the settings (validated by their schema: at least one day, hours in order). */
export function workCalendar(settings: Settings, timeZone: string): WorkCalendar {
  return {
    timeZone,
    days: settings.workingDays,
    from: settings.workingHours.from,
    to: settings.workingHours.to,
    holidays: holidayLookup(settings),
  };
}

export function targetsFor(settings: Settings, priority: string): DeadlineTargets {
  return settings.deadlineTargets[priority as keyof Settings['deadlineTargets']] ?? FALLBACK;
}

/** The targets of an incident about to be created (status new, nothing done yet): written with its insert. */
export function newIncidentDeadlines(
  priority: string,
  receivedAt: Date,
  settings: Settings,
  timeZone: string,
): { verify_due_at: Date; answer_due_at: Date; resolve_due_at: Date; due_at: Date | null } {
  const d = incidentDeadlines(
    { status: 'new', receivedAt, verifiedAt: null, answeredAt: null, resolvedAt: null },
    targetsFor(settings, priority),
    workCalendar(settings, timeZone),
  );
  return {
    verify_due_at: d.verifyDueAt,
    answer_due_at: d.answerDueAt,
    resolve_due_at: d.resolveDueAt,
    due_at: d.dueAt,
  };
}

/** Recomputes milestones and targets from the incident's status, priority and staff replies. */
export async function refreshDeadlines(
  trx: DbOrTrx,
  incidentId: string,
  settings: Settings,
  timeZone: string,
  now = new Date(),
): Promise<void> {
  const row = await incidentProgress(trx, incidentId);
  if (!row) return;
  const verifiedAt = row.verified_at ?? (['verified', 'in_progress', 'resolved'].includes(row.status) ? now : null);
  // A reopened incident is not resolved any more; the first resolution counts until then.
  const resolvedAt = row.status === 'resolved' ? (row.resolved_at ?? now) : null;
  const answeredAt = row.first_reply_at ? new Date(row.first_reply_at) : null;
  const d = incidentDeadlines(
    { status: row.status, receivedAt: row.received_at, verifiedAt, answeredAt, resolvedAt },
    targetsFor(settings, row.priority),
    workCalendar(settings, timeZone),
  );
  await setIncidentDeadlines(trx, incidentId, {
    verified_at: verifiedAt,
    answered_at: answeredAt,
    resolved_at: resolvedAt,
    verify_due_at: d.verifyDueAt,
    answer_due_at: d.answerDueAt,
    resolve_due_at: d.resolveDueAt,
    due_at: d.dueAt,
  });
}

/** The follow-up part of an incident's detail: who was alerted (and whether it reached them), the acknowledgement, targets. */
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import { listAlertDeliveries } from '../db/repos/incident-alerts';

export interface FollowUp {
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  alerts: { level: number; name: string | null; channel: string | null; at: string; deliveryState: string | null }[];
  deadlines: {
    verifyDueAt: string | null;
    verifiedAt: string | null;
    answerDueAt: string | null;
    answeredAt: string | null;
    resolveDueAt: string | null;
    resolvedAt: string | null;
    dueAt: string | null;
    overdue: boolean;
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loadFollowUp(db: DbOrTrx, row: IncidentRow, now = new Date()): Promise<FollowUp> {
  const alerts = await listAlertDeliveries(db, row.id);
  return {
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    alerts: alerts.map((a) => ({
      level: a.level,
      name: a.name,
      channel: a.channel,
      at: a.created_at.toISOString(),
      deliveryState: a.state,
    })),
    deadlines: {
      verifyDueAt: iso(row.verify_due_at),
      verifiedAt: iso(row.verified_at),
      answerDueAt: iso(row.answer_due_at),
      answeredAt: iso(row.answered_at),
      resolveDueAt: iso(row.resolve_due_at),
      resolvedAt: iso(row.resolved_at),
      dueAt: iso(row.due_at),
      overdue: row.due_at !== null && row.due_at.getTime() < now.getTime(),
    },
  };
}

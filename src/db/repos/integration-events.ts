/** integration_events: the outbox the database triggers of sql/016 fill; the dispatcher drains it. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface IntegrationEvent {
  id: string;
  type: string;
  incidentId: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Locks the oldest undispatched events (SKIP LOCKED: several processes drain side by side, each event once). Call
 * inside the transaction that records their deliveries and marks them dispatched.
 */
export async function lockUndispatchedEvents(trx: DbOrTrx, limit: number): Promise<IntegrationEvent[]> {
  const rows = await trx
    .selectFrom('integration_events')
    .select(['id', 'type', 'incident_id', 'details', 'created_at'])
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    incidentId: r.incident_id,
    details: r.details,
    createdAt: r.created_at,
  }));
}

export async function markEventsDispatched(trx: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('integration_events').set({ dispatched_at: sql`now()` }).where('id', 'in', ids).execute();
}

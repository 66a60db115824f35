/** forwards: incidents handed to stakeholders, with the delivery state of each. */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { ForwardsTable } from '../database';

export interface Forward {
  id: string;
  stakeholder: { id: string; name: string; agency: string };
  channel: string;
  to: string | null;
  note: string;
  includeReporter: boolean;
  by: { id: string; name: string } | null;
  at: string;
  deliveryState: string | null;
  /** The provider's error when it failed (outbound_messages.error). */
  error: string | null;
  /** What the stakeholder can be reached by, to offer another channel after a failure. */
  reachableBy: ('sms' | 'whatsapp' | 'email')[];
}

export async function listForwards(db: DbOrTrx, incidentId: string): Promise<Forward[]> {
  const rows = await db
    .selectFrom('forwards as f')
    .innerJoin('stakeholders as s', 's.id', 'f.stakeholder_id')
    .leftJoin('users as u', 'u.id', 'f.user_id')
    .leftJoin('outbound_messages as o', 'o.id', 'f.outbound_message_id')
    .select([
      'f.id',
      'f.note',
      'f.include_reporter',
      'f.created_at',
      's.id as stakeholder_id',
      's.name as stakeholder_name',
      's.agency',
      's.phone',
      's.email',
      'u.id as user_id',
      'u.name as user_name',
      'o.channel',
      'o.to_address',
      'o.state',
      'o.error',
    ])
    .where('f.incident_id', '=', incidentId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stakeholder: { id: r.stakeholder_id, name: r.stakeholder_name, agency: r.agency },
    channel: r.channel ?? '',
    to: r.to_address,
    note: r.note,
    includeReporter: r.include_reporter,
    by: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    at: r.created_at.toISOString(),
    deliveryState: r.state,
    error: r.error,
    reachableBy: [...(r.phone ? (['sms', 'whatsapp'] as const) : []), ...(r.email ? (['email'] as const) : [])],
  }));
}

/** Records a forward; returns its id. */
export async function insertForward(db: DbOrTrx, values: Insertable<ForwardsTable>): Promise<string> {
  const row = await db.insertInto('forwards').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Whether the incident was forwarded to any of these stakeholders. */
export async function forwardedToAny(db: DbOrTrx, incidentId: string, stakeholderIds: string[]): Promise<boolean> {
  if (stakeholderIds.length === 0) return false;
  const row = await db
    .selectFrom('forwards')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('stakeholder_id', 'in', stakeholderIds)
    .executeTakeFirst();
  return !!row;
}

/**
 * The SMSSync phone's outbox: rows in state `queued_for_gateway`, handed out on task=send under a lease and marked
 * sent on task=sent. A phone that polls twice before confirming gets nothing twice (the lease); a phone that never
 * confirms gets its messages again once the lease ran out (nothing lost; at worst one SMS twice).
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface GatewayMessage {
  uuid: string;
  to: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Leases up to `limit` waiting messages of a transport, oldest first; concurrent polls never share a row. */
export async function leaseGatewayMessages(
  db: DbOrTrx,
  opts: { transport: string; leaseSeconds: number; limit: number },
): Promise<GatewayMessage[]> {
  const rows = await db
    .updateTable('outbound_messages')
    .set({ gateway_leased_until: sql`now() + make_interval(secs => ${opts.leaseSeconds})`, updated_at: sql`now()` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbound_messages')
        .select('id')
        .where('state', '=', 'queued_for_gateway')
        .where('transport', '=', opts.transport)
        .where((w) => w.or([w('gateway_leased_until', 'is', null), w('gateway_leased_until', '<', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(opts.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'gateway_uuid', 'to_address', 'body'])
    .execute();
  return rows
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((r) => ({ uuid: r.gateway_uuid, to: r.to_address, message: r.body }));
}

/**
 * Marks the confirmed messages sent; returns every uuid among them that is sent now (confirming twice answers the
 * same), so the phone forgets exactly those.
 */
export async function confirmGatewayMessages(db: DbOrTrx, transport: string, uuids: string[]): Promise<string[]> {
  const valid = [...new Set(uuids.filter((u) => UUID.test(u)).map((u) => u.toLowerCase()))];
  if (valid.length === 0) return [];
  await db
    .updateTable('outbound_messages')
    .set({ state: 'sent', sent_at: sql`coalesce(sent_at, now())`, gateway_leased_until: null, updated_at: sql`now()` })
    .where('gateway_uuid', 'in', valid)
    .where('transport', '=', transport)
    .where('state', '=', 'queued_for_gateway')
    .execute();
  const sent = await db
    .selectFrom('outbound_messages')
    .select('gateway_uuid')
    .where('gateway_uuid', 'in', valid)
    .where('transport', '=', transport)
    .where('state', 'in', ['sent', 'delivered'])
    .execute();
  return sent.map((r) => r.gateway_uuid);
}

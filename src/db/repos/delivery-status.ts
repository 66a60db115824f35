/**
 * Delivery states reported by a provider after sending (Twilio status callbacks), applied to outbound_messages by
 * provider_message_id. Callbacks arrive out of order: a state only ever moves forward (delivered never becomes sent).
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

/** How far along a message is; equal ranks are alternatives (delivered vs failed), never steps. */
export const DELIVERY_RANK: Record<string, number> = {
  pending: 0,
  accepted: 1,
  scheduled: 1,
  queued: 1,
  queued_for_gateway: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  read: 5,
};

export interface DeliveryReport {
  providerMessageId: string;
  state: string;
  /** The provider's error code (Twilio ErrorCode), kept on the row as `twilio <code>`. */
  errorCode?: string | null;
}

/** Applies the report unless the row is already as far or further; returns the changed row's channel, or null. */
export async function recordDeliveryStatus(db: DbOrTrx, report: DeliveryReport): Promise<{ channel: string } | null> {
  const rank = DELIVERY_RANK[report.state];
  if (rank === undefined) return null; // 'receiving', 'received': inbound states, nothing to record on the outbox
  const earlier = Object.entries(DELIVERY_RANK)
    .filter(([, r]) => r < rank)
    .map(([state]) => state);
  const code = report.errorCode && report.errorCode !== '0' ? report.errorCode : null;
  const row = await db
    .updateTable('outbound_messages')
    .set({
      state: report.state,
      ...(code ? { error: `twilio error ${code} (status ${report.state})` } : {}),
      updated_at: sql`now()`,
    })
    .where('provider_message_id', '=', report.providerMessageId)
    .where('state', 'in', earlier)
    .returning('channel')
    .executeTakeFirst();
  return row ?? null;
}

/** What the RT heads' app reads back: where a posted report ended up, "Laporan saya", staff replies and their reading. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface AppReportState {
  /** 'received' (queued, not yet read), 'processed', 'unreadable'. */
  state: string;
  incidentId: string | null;
  reference: string | null;
}

/** The stored state of an app report by its external id; undefined while it is still only in the queue. */
export async function findAppReport(db: DbOrTrx, externalId: string): Promise<AppReportState | undefined> {
  const row = await db
    .selectFrom('raw_messages')
    .leftJoin('incident_messages', 'incident_messages.raw_message_id', 'raw_messages.id')
    .leftJoin('incidents', 'incidents.id', 'incident_messages.incident_id')
    .select(['raw_messages.state', 'incidents.id as incident_id', 'incidents.reference'])
    .where('raw_messages.channel', '=', 'app')
    .where('raw_messages.external_id', '=', externalId)
    .executeTakeFirst();
  return row ? { state: row.state, incidentId: row.incident_id, reference: row.reference } : undefined;
}

export interface MyReport {
  id: string;
  reference: string;
  status: string;
  title: string;
  category: string | null;
  priority: string;
  receivedAt: string;
  /** The first words of the report as the reporter wrote them (how they recognise it). */
  text: string;
  /** The app's own ids of the reports in this incident's thread (to match the phone's outbox). */
  clientIds: string[];
  replies: { id: string; body: string; at: string; seen: boolean }[];
}

/** The incidents a phone reported (any channel), newest first, with the staff replies to them. */
export async function listMyReports(
  db: DbOrTrx,
  a: { phone: string; reporterId: string; limit: number },
): Promise<MyReport[]> {
  const incidents = await db
    .selectFrom('incidents')
    .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
    .select([
      'incidents.id',
      'incidents.reference',
      'incidents.status',
      'incidents.title',
      'incidents.category',
      'incidents.priority',
      'incidents.received_at',
    ])
    .where('contacts.kind', '=', 'phone')
    .where('contacts.address', '=', a.phone)
    .where('incidents.duplicate_of', 'is', null)
    .orderBy('incidents.received_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(a.limit)
    .execute();
  if (incidents.length === 0) return [];
  const ids = incidents.map((i) => i.id);
  const messages = await db
    .selectFrom('incident_messages')
    .leftJoin('raw_messages', 'raw_messages.id', 'incident_messages.raw_message_id')
    .leftJoin('outbound_messages', 'outbound_messages.id', 'incident_messages.outbound_message_id')
    .select([
      'incident_messages.id',
      'incident_messages.incident_id',
      'incident_messages.direction',
      'incident_messages.body',
      'incident_messages.at',
      'incident_messages.app_seen_at',
      'raw_messages.channel as raw_channel',
      'raw_messages.external_id',
      'outbound_messages.purpose',
    ])
    .where('incident_messages.incident_id', 'in', ids)
    .orderBy('incident_messages.at')
    .orderBy('incident_messages.id')
    .execute();
  const prefix = `${a.reporterId}:`;
  return incidents.map((i) => {
    const mine = messages.filter((m) => m.incident_id === i.id);
    return {
      id: i.id,
      reference: i.reference,
      status: i.status,
      title: i.title,
      category: i.category,
      priority: i.priority,
      receivedAt: i.received_at.toISOString(),
      text: (mine.find((m) => m.direction === 'in')?.body ?? '').slice(0, 200),
      clientIds: mine.flatMap((m) =>
        m.raw_channel === 'app' && m.external_id?.startsWith(prefix) ? [m.external_id.slice(prefix.length)] : [],
      ),
      // Only staff replies: forwards to agencies and alerts are internal.
      replies: mine
        .filter((m) => m.direction === 'out' && m.purpose === 'reply')
        .map((m) => ({ id: m.id, body: m.body, at: m.at.toISOString(), seen: m.app_seen_at !== null })),
    };
  });
}

/** Records that the reporter opened these replies in the app (only replies to their own incidents). */
export async function markRepliesSeen(db: DbOrTrx, phone: string, messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const rows = await db
    .updateTable('incident_messages')
    .set({ app_seen_at: sql`now()` })
    .where('id', 'in', messageIds)
    .where('direction', '=', 'out')
    .where('app_seen_at', 'is', null)
    .where('incident_id', 'in', (eb) =>
      eb
        .selectFrom('incidents')
        .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
        .select('incidents.id')
        .where('contacts.kind', '=', 'phone')
        .where('contacts.address', '=', phone),
    )
    .returning('id')
    .execute();
  return rows.length;
}

/** Whether the reply behind this outbox row was opened in the app. */
export async function replySeenInApp(db: DbOrTrx, outboundMessageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_messages')
    .select('id')
    .where('outbound_message_id', '=', outboundMessageId)
    .where('app_seen_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moving a reporter's message out of an incident's thread into an incident of its own (src/workspace/incident-split.ts). */
import type { DbOrTrx } from '../connection';

export interface SplittableMessage {
  id: string;
  direction: 'in' | 'out';
  body: string;
  at: Date;
  rawMessageId: string;
  channel: string;
  from: string;
  subject: string | null;
  contactId: string | null;
}

/** A message of this incident's thread with the raw message it came from (none: not a reporter's message). */
export async function findThreadMessageWithRaw(
  db: DbOrTrx,
  incidentId: string,
  messageId: string,
): Promise<SplittableMessage | null> {
  const row = await db
    .selectFrom('incident_messages as m')
    .innerJoin('raw_messages as r', 'r.id', 'm.raw_message_id')
    .select(['m.id', 'm.direction', 'm.body', 'm.at', 'r.id as raw_id', 'r.channel', 'r.from_address', 'r.subject'])
    .select('r.contact_id')
    .where('m.id', '=', messageId)
    .where('m.incident_id', '=', incidentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    direction: row.direction,
    body: row.body,
    at: row.at,
    rawMessageId: row.raw_id,
    channel: row.channel,
    from: row.from_address,
    subject: row.subject,
    contactId: row.contact_id,
  };
}

/** Moves the message (its attachments follow it) and keeps both incidents' message counts true. */
export async function moveThreadMessage(
  db: DbOrTrx,
  messageId: string,
  from: { incidentId: string },
  to: { incidentId: string; counted: boolean },
): Promise<void> {
  await db
    .updateTable('incident_messages')
    .set({ incident_id: to.incidentId, join_reason: null })
    .where('id', '=', messageId)
    .execute();
  await db
    .updateTable('incidents')
    .set((eb) => ({ message_count: eb('message_count', '-', 1), updated_at: new Date() }))
    .where('id', '=', from.incidentId)
    .execute();
  if (!to.counted) {
    await db
      .updateTable('incidents')
      .set((eb) => ({ message_count: eb('message_count', '+', 1), updated_at: new Date() }))
      .where('id', '=', to.incidentId)
      .execute();
  }
}

/** An incident's thread as staff read it: its messages with their delivery, the automatic replies, attachments. */
import type { DbOrTrx } from '../connection';

/** The thread's messages, each with the state and purpose of the outbox row it was sent by (if any). */
export async function listThreadRows(db: DbOrTrx, incidentId: string) {
  return db
    .selectFrom('incident_messages as m')
    .leftJoin('outbound_messages as o', 'o.id', 'm.outbound_message_id')
    .select([
      'm.id',
      'm.direction',
      'm.channel',
      'm.from_address',
      'm.to_address',
      'm.body',
      'm.html',
      'm.at',
      'm.raw_message_id',
      'm.join_reason',
      'm.unanswered_reason',
      'o.state as delivery_state',
      'o.purpose',
    ])
    .where('m.incident_id', '=', incidentId)
    .execute();
}

/** Acknowledgements and answers the normalize worker wrote straight into the outbox (no thread message of their own). */
export async function listAutomaticReplies(db: DbOrTrx, incidentId: string) {
  return db
    .selectFrom('outbound_messages as o')
    .select(['o.id', 'o.channel', 'o.to_address', 'o.body', 'o.created_at', 'o.state', 'o.purpose'])
    .where('o.incident_id', '=', incidentId)
    .where('o.purpose', 'in', ['ack', 'status_answer', 'question_answer'])
    .execute();
}

/** What is known of the attachments of these thread messages (never their content), in their order. */
export async function listThreadAttachments(db: DbOrTrx, threadMessageIds: string[]) {
  if (threadMessageIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'incident_message_id', 'filename', 'content_type', 'size'])
    .where('incident_message_id', 'in', threadMessageIds)
    .orderBy('position')
    .execute();
}

/** Links a thread message to the outbox row that sends it (staff replies, forwards). */
export async function linkThreadMessageToOutbound(db: DbOrTrx, threadMessageId: string, outboundId: string) {
  await db
    .updateTable('incident_messages')
    .set({ outbound_message_id: outboundId })
    .where('id', '=', threadMessageId)
    .execute();
}

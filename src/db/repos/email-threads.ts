/** The e-mail side of incident threads (incident_messages' Message-IDs): what a reply is threaded under. */
import type { DbOrTrx } from '../connection';

/** The thread message a staff reply or forward wrote with its outbox row, if any. */
export async function threadMessageOfOutbound(
  db: DbOrTrx,
  outboundId: string,
): Promise<{ id: string; email_message_id: string | null } | undefined> {
  return db
    .selectFrom('incident_messages')
    .select(['id', 'email_message_id'])
    .where('outbound_message_id', '=', outboundId)
    .executeTakeFirst();
}

export async function setThreadMessageEmailId(db: DbOrTrx, id: string, emailMessageId: string): Promise<void> {
  await db.updateTable('incident_messages').set({ email_message_id: emailMessageId }).where('id', '=', id).execute();
}

export async function threadHasEmailMessageId(db: DbOrTrx, emailMessageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_messages')
    .select('id')
    .where('email_message_id', '=', emailMessageId)
    .executeTakeFirst();
  return !!row;
}

/** The Message-ID and subject of the inbound e-mail a raw message became on its thread. */
export async function answeredEmail(
  db: DbOrTrx,
  rawMessageId: string,
): Promise<{ email_message_id: string | null; subject: string | null } | undefined> {
  return db
    .selectFrom('incident_messages')
    .innerJoin('raw_messages', 'raw_messages.id', 'incident_messages.raw_message_id')
    .select(['incident_messages.email_message_id', 'raw_messages.subject'])
    .where('incident_messages.raw_message_id', '=', rawMessageId)
    .executeTakeFirst();
}

/** An incident's thread messages that carry a Message-ID, oldest first. */
export async function emailChain(
  db: DbOrTrx,
  incidentId: string,
): Promise<{ email_message_id: string | null; direction: string; subject: string | null }[]> {
  return db
    .selectFrom('incident_messages')
    .leftJoin('raw_messages', 'raw_messages.id', 'incident_messages.raw_message_id')
    .select(['incident_messages.email_message_id', 'incident_messages.direction', 'raw_messages.subject'])
    .where('incident_messages.incident_id', '=', incidentId)
    .where('incident_messages.email_message_id', 'is not', null)
    .orderBy('incident_messages.at')
    .orderBy('incident_messages.id')
    .execute();
}

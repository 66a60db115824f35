/** attachments: files that came with a message (photos, scanned letters), kept in PostgreSQL. */
import { createHash } from 'node:crypto';
import type { PreparedAttachment } from '../../core/prepared-message';
import type { DbOrTrx } from '../connection';

export async function writeAttachments(
  db: DbOrTrx,
  rawMessageId: string,
  incidentMessageId: string | null,
  attachments: PreparedAttachment[],
): Promise<void> {
  if (attachments.length === 0) return;
  await db
    .insertInto('attachments')
    .values(
      attachments.map((a, position) => ({
        raw_message_id: rawMessageId,
        incident_message_id: incidentMessageId,
        position,
        filename: a.filename,
        content_type: a.contentType,
        size: a.size,
        content: a.content,
        sha256: a.content ? createHash('sha256').update(a.content).digest('hex') : null,
        error: a.error ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['raw_message_id', 'position']).doNothing())
    .execute();
}

/** An attachment's bytes with its name and type, for the workspace's download; undefined when there is none. */
export async function findAttachmentFile(
  db: DbOrTrx,
  id: string,
): Promise<{ filename: string | null; content_type: string | null; content: Buffer | null } | undefined> {
  return db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

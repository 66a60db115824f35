/**
 * The optional move of processed mail (IMAP_PROCESSED_FOLDER). Read-only is the default: the office's mailbox is
 * left as it was. With a folder set, a message leaves the ingested mailbox for it once its processing is committed
 * (the incident, or the auto_reply or unreadable record), so the office's own mail client shows only what the
 * service has not taken in yet. A message is marked moved only after the server confirmed the MOVE; a crash in
 * between moves nothing twice (the UIDs are gone from the mailbox, and UID MOVE of absent UIDs moves nothing).
 * Only mail of the mailbox's current UIDVALIDITY is moved: UIDs of an older generation name other messages now.
 */
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../db/connection';
import { mailToMove, markMoved } from '../../db/repos/mailbox-moves';

export interface MoveDeps {
  db: Db;
  /** Where processed mail goes; created on first use. */
  folder: string;
  /** UIDs per MOVE command. */
  batchSize?: number;
}

/**
 * Moves every committed message of `mailbox` (generation `uidValidity`, as the sync just read it) to the folder;
 * returns how many were moved. The database is asked first: a round with nothing to move leaves the mailbox as the
 * sync opened it (read-only), with no SELECT and no CREATE.
 */
export async function moveProcessedMail(
  client: ImapFlow,
  mailbox: string,
  uidValidity: string,
  deps: MoveDeps,
): Promise<number> {
  const limit = deps.batchSize ?? 500;
  let batch = await mailToMove(deps.db, mailbox, uidValidity, limit);
  if (batch.length === 0) return 0;
  // Read-write: MOVE expunges from the mailbox (the sync's read-only EXAMINE cannot).
  const lock = await client.getMailboxLock(mailbox);
  try {
    // A generation that changed since the sync: these UIDs name other messages now (the next sync resyncs).
    if (String(client.mailbox ? client.mailbox.uidValidity : '') !== uidValidity) return 0;
    await client.mailboxCreate(deps.folder); // an existing folder is fine (created: false)
    let moved = 0;
    while (batch.length > 0) {
      const result = await client.messageMove(
        batch.map((m) => m.uid),
        deps.folder,
        { uid: true },
      );
      if (!result) throw new Error(`imap-move-failed: the server did not move mail to ${deps.folder}`);
      await markMoved(
        deps.db,
        batch.map((m) => m.id),
      );
      moved += batch.length;
      batch = batch.length < limit ? [] : await mailToMove(deps.db, mailbox, uidValidity, limit);
    }
    return moved;
  } finally {
    lock.release();
  }
}

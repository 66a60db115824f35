/**
 * `halo reconcile` for one mailbox: lists its UIDs (over the backfill window, or all), compares them with what
 * was stored (by mailbox UID of the same UIDVALIDITY, or by Message-ID) and queues what is missing. Read-only.
 */
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../db/connection';
import { storedEmailIds, storedMailboxUids } from '../../db/repos/mailbox-state';
import type { Queues } from '../../queues/queues';
import { download, listAfter } from './mailbox-sync';

export interface ReconcileResult {
  mailbox: string;
  uidValidity: string;
  listed: number;
  missing: number;
  queued: number;
}

export async function reconcileMailbox(
  client: ImapFlow,
  mailbox: string,
  deps: { db: Db; queues: Pick<Queues, 'addInboundBulk'>; maxEmailBytes: number; since: Date | null },
): Promise<ReconcileResult> {
  const lock = await client.getMailboxLock(mailbox, { readOnly: true });
  try {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    const listed = (client.mailbox && client.mailbox.exists > 0 ? await listAfter(client, 0) : []).filter(
      (m) => !deps.since || !m.internalDate || m.internalDate >= deps.since,
    );
    const byUid = await storedMailboxUids(deps.db, mailbox, uidValidity);
    const byId = await storedEmailIds(
      deps.db,
      listed.flatMap((m) => (m.messageId ? [m.messageId] : [])),
    );
    const missing = listed.filter((m) => !byUid.has(m.uid) && !(m.messageId && byId.has(m.messageId)));
    let queued = 0;
    for (let i = 0; i < missing.length; i += 50) {
      const raws = await download(client, missing.slice(i, i + 50), mailbox, uidValidity, deps.maxEmailBytes);
      await deps.queues.addInboundBulk(raws);
      queued += raws.length;
    }
    return { mailbox, uidValidity, listed: listed.length, missing: missing.length, queued };
  } finally {
    lock.release();
  }
}

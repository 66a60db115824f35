/**
 * One synchronisation of one mailbox over an open connection (docs/architecture.md rule 3 and style rule 7):
 * STATUS first (unless this connection has the mailbox selected: its IDLE told us), compare UIDVALIDITY and UIDNEXT
 * with the checkpoint, list UID > checkpoint through the fetch iterator (size and envelope only), download in
 * bounded batches the ones not stored yet (sources under MAX_EMAIL_BYTES, headers only above), queue each batch,
 * then advance the checkpoint. A backlog is read no faster than the workers take it (the queue's waiting jobs are
 * bounded). The mailbox is opened read-only and its lock released in `finally`.
 */
import type { ImapFlow } from 'imapflow';
import type { RawMessage } from '../../core/raw-message';
import type { Db } from '../../db/connection';
import { getCheckpoint, saveCheckpoint, storedEmailIds, touchCheckpoint } from '../../db/repos/mailbox-state';
import type { Logger } from '../../logger';
import type { Queues } from '../../queues/queues';
import { normalizeMessageId } from './email-identity';
import { buildRawEmail } from './raw-email';

export interface SyncDeps {
  db: Db;
  queues: Pick<Queues, 'addInboundBulk' | 'inboundWaiting'>;
  logger: Logger;
  maxEmailBytes: number;
  /** Days of existing mail fetched on a mailbox's first start (the `emailBackfillDays` setting). */
  backfillDays: () => Promise<number>;
  /** Messages per batch (queued together, then the checkpoint moves); bytes per batch bound the memory. */
  batchSize?: number;
  batchBytes?: number;
  /** Inbound jobs allowed to wait for a worker before the next batch is downloaded (back-pressure). */
  maxWaiting?: number;
  /** True once the ingester is stopping: a sync waiting for the workers gives up (the checkpoint stays). */
  stopping?: () => boolean;
  /** Called with the number of messages still to fetch. */
  onBacklog?: (backlog: number) => void;
  now?: () => Date;
}

export interface SyncResult {
  mode: 'up-to-date' | 'incremental' | 'backfill' | 'resync';
  queued: number;
  skipped: number;
  tooLarge: number;
  uidValidity: string;
  lastUid: number;
}

/** A message the server listed: what we know before downloading it. */
export interface MessageMeta {
  uid: number;
  size: number;
  messageId: string | null;
  internalDate: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * Batches of a backlog: 50 messages or 1 MB. Each batch's sources live as a Buffer, a base64 copy and a serialized
 * job until it is queued; V8 collects that garbage late, so the batch size sets the ingester's peak memory more than
 * its live data does (docs/email.md, "Benchmark"). Smaller batches cost a FETCH, an addBulk and a checkpoint each.
 */
export const SYNC_BATCH_SIZE = 50;
export const SYNC_BATCH_BYTES = 1024 * 1024;
/**
 * Jobs waiting in the inbound queue above which a sync waits before downloading more. Reading a backlog faster
 * than the workers write it only moves it from the mailbox into Redis (in memory, `noeviction`, beside the
 * webhooks' jobs) and into this process's heap; 500 waiting jobs still keep every worker busy.
 */
export const SYNC_MAX_WAITING = 500;
const QUEUE_POLL_MS = 100;

export async function syncMailbox(
  client: ImapFlow,
  mailbox: string,
  deps: SyncDeps,
  options: { selected?: boolean } = {},
): Promise<SyncResult> {
  const checkpoint = await getCheckpoint(deps.db, mailbox);
  if (!options.selected && checkpoint?.uidValidity) {
    const status = await client.status(mailbox, { uidValidity: true, uidNext: true, messages: true });
    if (
      status &&
      String(status.uidValidity) === checkpoint.uidValidity &&
      (status.uidNext ?? 1) - 1 <= checkpoint.lastUid
    ) {
      await touchCheckpoint(deps.db, mailbox);
      deps.onBacklog?.(0);
      return {
        mode: 'up-to-date',
        queued: 0,
        skipped: 0,
        tooLarge: 0,
        uidValidity: checkpoint.uidValidity,
        lastUid: checkpoint.lastUid,
      };
    }
  }

  const lock = await client.getMailboxLock(mailbox, { readOnly: true });
  try {
    // A mailbox this connection already has selected is not selected again, so its counts are what the server last
    // told us. The server tells of new mail only in answer to a command or in IDLE, and each round postpones IDLE
    // (it starts after a quiet second): rounds that come often (the mover's) would trust stale counts for as long
    // as they keep coming. NOOP makes the server say what arrived since.
    if (options.selected) await client.noop();
    const opened = client.mailbox;
    if (!opened) throw new Error('imap-not-selected: the mailbox could not be opened');
    const uidValidity = String(opened.uidValidity);
    const uidNext = Number(opened.uidNext ?? 1);
    const now = deps.now?.() ?? new Date();

    let mode: SyncResult['mode'];
    let after: number;
    if (!checkpoint?.uidValidity) {
      mode = 'backfill';
      after = await lastUidBefore(client, new Date(now.getTime() - (await deps.backfillDays()) * DAY_MS), uidNext);
    } else if (checkpoint.uidValidity !== uidValidity) {
      // The UIDs we counted mean nothing now. Look again over everything that may not be stored (since the last
      // sync, at least the backfill window); Message-IDs already stored are skipped, the queue's identity catches
      // the rest: never a blind re-import.
      mode = 'resync';
      const windowStart = now.getTime() - (await deps.backfillDays()) * DAY_MS;
      const lastSync = checkpoint.lastSyncAt ? checkpoint.lastSyncAt.getTime() - DAY_MS : windowStart;
      after = await lastUidBefore(client, new Date(Math.min(windowStart, lastSync)), uidNext);
      deps.logger.warn(
        { mailbox, old: checkpoint.uidValidity, uidValidity },
        'imap: uidvalidity changed; resync by message-id',
      );
    } else {
      mode = 'incremental';
      after = checkpoint.lastUid;
    }

    // UIDNEXT of a mailbox selected long ago is stale (EXISTS does not update it): ask the server instead.
    const metas = opened.exists > 0 ? await listAfter(client, after) : [];
    const stored = await storedEmailIds(
      deps.db,
      metas.flatMap((m) => (m.messageId ? [m.messageId] : [])),
    );
    const result: SyncResult = { mode, queued: 0, skipped: 0, tooLarge: 0, uidValidity, lastUid: after };
    deps.onBacklog?.(metas.length);

    const sizes = [deps.batchSize ?? SYNC_BATCH_SIZE, deps.batchBytes ?? SYNC_BATCH_BYTES] as const;
    for (const batch of batches(metas, ...sizes, deps.maxEmailBytes)) {
      await untilWorkersCatchUp(client, deps);
      const wanted = batch.filter((m) => !(m.messageId && stored.has(m.messageId)));
      result.skipped += batch.length - wanted.length;
      const raws = await download(client, wanted, mailbox, uidValidity, deps.maxEmailBytes);
      result.tooLarge += raws.filter((r) => r.tooLarge).length;
      await deps.queues.addInboundBulk(raws);
      result.queued += raws.length;
      // Only now that Redis holds the batch may the checkpoint pass it.
      result.lastUid = batch[batch.length - 1]!.uid;
      await saveCheckpoint(deps.db, mailbox, { uidValidity, lastUid: result.lastUid });
      deps.onBacklog?.(metas.length - metas.indexOf(batch[batch.length - 1]!) - 1);
    }
    if (metas.length === 0) {
      // Nothing new: a first start or a resync still records where it stands.
      await saveCheckpoint(deps.db, mailbox, { uidValidity, lastUid: result.lastUid });
    }
    deps.onBacklog?.(0);
    return result;
  } finally {
    lock.release();
  }
}

/**
 * Back-pressure: waits while more than `maxWaiting` inbound jobs wait for a worker. Nothing is held meanwhile but
 * the mailbox lock; the checkpoint has not passed what is still to download, so a stop or a dropped connection
 * loses nothing (the next sync starts there).
 */
async function untilWorkersCatchUp(client: ImapFlow, deps: SyncDeps): Promise<void> {
  const max = deps.maxWaiting ?? SYNC_MAX_WAITING;
  while ((await deps.queues.inboundWaiting()) >= max) {
    if (deps.stopping?.()) throw new Error('imap-sync-stopped: the ingester is stopping');
    assertUsable(client);
    await new Promise((resolve) => setTimeout(resolve, QUEUE_POLL_MS));
  }
}

/** The highest UID that arrived before `since` (SEARCH SINCE); everything above it is inside the window. */
async function lastUidBefore(client: ImapFlow, since: Date, uidNext: number): Promise<number> {
  const uids = await client.search({ since }, { uid: true });
  if (!uids || uids.length === 0) return uidNext - 1;
  return Math.min(...uids) - 1;
}

/**
 * UID > `after`, with size, Message-ID and arrival date, through the fetch iterator. `UID n:*` returns the last
 * message even when its UID is below n: only UIDs above the checkpoint are kept.
 */
export async function listAfter(client: ImapFlow, after: number, until?: number): Promise<MessageMeta[]> {
  const metas: MessageMeta[] = [];
  const range = `${after + 1}:${until ?? '*'}`;
  for await (const msg of client.fetch(
    range,
    { uid: true, size: true, envelope: true, internalDate: true },
    { uid: true },
  )) {
    if (msg.uid <= after) continue;
    metas.push({
      uid: msg.uid,
      size: msg.size ?? 0,
      messageId: normalizeMessageId(msg.envelope?.messageId),
      internalDate: msg.internalDate ? new Date(msg.internalDate) : null,
    });
  }
  assertUsable(client);
  return metas.sort((a, b) => a.uid - b.uid);
}

/** Batches by count and by bytes to download (a too-large message counts only its headers). */
function* batches(metas: MessageMeta[], size: number, bytes: number, maxEmailBytes: number): Generator<MessageMeta[]> {
  let batch: MessageMeta[] = [];
  let total = 0;
  for (const m of metas) {
    const cost = m.size > maxEmailBytes ? 64 * 1024 : m.size;
    if (batch.length > 0 && (batch.length >= size || total + cost > bytes)) {
      yield batch;
      batch = [];
      total = 0;
    }
    batch.push(m);
    total += cost;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Downloads a batch: whole sources for messages within the cap, header blocks for those above it (the size was
 * checked before anything was downloaded). Messages expunged meanwhile are simply absent.
 */
export async function download(
  client: ImapFlow,
  metas: MessageMeta[],
  mailbox: string,
  uidValidity: string,
  maxEmailBytes: number,
): Promise<RawMessage[]> {
  const small = metas.filter((m) => m.size <= maxEmailBytes);
  const large = metas.filter((m) => m.size > maxEmailBytes);
  const byUid = new Map(metas.map((m) => [m.uid, m]));
  const raws = new Map<number, RawMessage>();
  const box = (uid: number) => ({ name: mailbox, uidValidity, uid });
  if (small.length > 0) {
    for await (const msg of client.fetch(
      small.map((m) => m.uid).join(','),
      { uid: true, source: true },
      { uid: true },
    )) {
      if (!msg.source || !byUid.has(msg.uid)) continue;
      const meta = byUid.get(msg.uid)!;
      raws.set(
        msg.uid,
        buildRawEmail({ provider: 'imap', source: msg.source, receivedAt: meta.internalDate, mailbox: box(msg.uid) }),
      );
    }
    assertUsable(client);
  }
  if (large.length > 0) {
    for await (const msg of client.fetch(
      large.map((m) => m.uid).join(','),
      { uid: true, headers: true },
      { uid: true },
    )) {
      if (!msg.headers || !byUid.has(msg.uid)) continue;
      const meta = byUid.get(msg.uid)!;
      raws.set(
        msg.uid,
        buildRawEmail({
          provider: 'imap',
          source: msg.headers,
          tooLarge: { size: meta.size },
          receivedAt: meta.internalDate,
          mailbox: box(msg.uid),
        }),
      );
    }
    assertUsable(client);
  }
  return [...raws.entries()].sort(([a], [b]) => a - b).map(([, raw]) => raw);
}

/** A fetch iterator may end quietly when the connection drops: a short batch must not move the checkpoint. */
function assertUsable(client: ImapFlow): void {
  if (!client.usable) throw new Error('imap-connection-lost: the connection closed during a fetch');
}

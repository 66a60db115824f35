/**
 * The batched writer of the normalize role: the jobs a worker holds at once are stored with one statement, read
 * (prepared, normalized) side by side, and written in one transaction — raw rows locked in id order, then the
 * contacts upserted in one sorted statement (the order every writer takes its locks in, so that batches and the
 * per-message path wait for each other instead of deadlocking), then the set-based lane written with a statement
 * per table (batch-lanes.ts) and the other messages (with attachments, a contact's second message, …) decided and
 * applied in turn, so that a message sees what the ones before it wrote (a second report of the hour, a follow-up).
 * A job completes only when its batch has committed. A failed batch is retried once, then its messages go one by
 * one, so that a message that cannot be written fails only its own job. Replays and reports staff typed in keep
 * the per-message path.
 */
import type { PrepareContext } from '../channels/registry';
import { contactKeyId, upsertContacts } from '../db/repos/contacts';
import { pendingOutboundIds } from '../db/repos/outbound-messages';
import { lockRawMessages, storeRawMessages } from '../db/repos/raw-messages';
import { stakeholderAddressesAmong } from '../db/repos/stakeholders';
import { queueOutbound } from '../outbound/queue-outbound';
import type { InboundJobData } from '../queues/queues';
import { withRegisteredAreas } from '../reporters/registered-area';
import { loadSettings, type Settings } from '../settings';
import { applyDecisions } from './batch-apply';
import { type BatchMessage, senderAddresses, setBasedLane } from './batch-lanes';
import { readBatchSnapshots } from './batch-snapshots';
import type { InboundDeps, InboundOutcome } from './inbound-deps';
import { type InboundReading, processedOutcome, readInbound, recordInputOf } from './inbound-reading';
import { decide } from './message-decision';
import { processInbound, writeInbound } from './process-inbound';
import { contactKeyOf, type RecordResult, recordNormalizedMessage } from './record-normalized-message';

export interface InboundJob {
  data: InboundJobData;
  context: PrepareContext;
}

type Ready = Extract<InboundReading, { state: 'ready' }>;
type Settled = PromiseSettledResult<InboundOutcome>;

const fulfilled = (value: InboundOutcome): Settled => ({ status: 'fulfilled', value });
const rejected = (reason: unknown): Settled => ({ status: 'rejected', reason });

/** Kinds that are rare and write more than a batch does: each keeps its own transaction. */
function keepsOwnPath(data: InboundJobData): boolean {
  return data.replay === true || data.raw.staffEntry != null;
}

export async function processInboundBatch(jobs: InboundJob[], deps: InboundDeps): Promise<Settled[]> {
  const results: Settled[] = new Array(jobs.length);
  const batched = jobs.map((_, i) => i).filter((i) => !keepsOwnPath(jobs[i]!.data));
  const own = jobs.map((_, i) => i).filter((i) => keepsOwnPath(jobs[i]!.data));

  const ready: { index: number; m: Ready }[] = [];
  // Messages processed alone from the start (stored and read again), and messages already read that are written alone.
  const single = new Set<number>(own);
  const readAlone: { index: number; m: Ready }[] = [];
  try {
    const stored = await storeRawMessages(
      deps.db,
      batched.map((i) => jobs[i]!.data.raw),
    );
    const readings = await withAreas(
      deps,
      await Promise.allSettled(
        batched.map((i, k) =>
          readInbound(jobs[i]!.data, stored[k]!, deps, jobs[i]!.context, { registeredArea: false }),
        ),
      ),
    );
    const duplicates: string[] = [];
    const seen = new Set<string>();
    readings.forEach((r, k) => {
      const index = batched[k]!;
      if (r.status === 'rejected') results[index] = r;
      else if (r.value.state !== 'ready') {
        results[index] = fulfilled(r.value.outcome);
        if (r.value.state === 'duplicate') duplicates.push(r.value.outcome.rawMessageId);
      } else if (seen.has(r.value.rawMessageId)) {
        // The same message twice in one batch (two deliveries): the second is a duplicate, as it would be later.
        results[index] = fulfilled({ state: 'duplicate', rawMessageId: r.value.rawMessageId });
      } else {
        seen.add(r.value.rawMessageId);
        ready.push({ index, m: r.value });
      }
    });
    // Processed before (a redelivered job, a second webhook): only make sure their outbox reached the queue.
    if (duplicates.length > 0) {
      await queueOutbound(deps.queues, await pendingOutboundIds(deps.db, { rawMessageIds: duplicates }), deps.logger);
    }
  } catch {
    // Storing the batch failed (the database away, one row it refuses): each message tries, and fails, alone.
    ready.length = 0;
    readAlone.length = 0;
    for (const i of batched) if (results[i] === undefined) single.add(i);
  }

  if (ready.length > 0) {
    const settings = await (deps.settings ? deps.settings() : loadSettings(deps.db));
    const written = await writeWithRetry(deps, settings, ready);
    if (written) {
      await finish(
        deps,
        ready.map((r, k) => ({ ...r, result: written[k]! })),
        results,
      );
    } else {
      // Twice failed: one by one, so that a message that cannot be written fails only its own job.
      readAlone.push(...ready);
    }
  }
  for (const { index, m } of readAlone.sort((a, b) => a.index - b.index)) {
    results[index] = await writeInbound(m, deps).then(fulfilled, rejected);
  }
  for (const i of [...single].sort((a, b) => a - b)) {
    results[i] = await processInbound(jobs[i]!.data, deps, jobs[i]!.context).then(fulfilled, rejected);
  }
  return results;
}

/** The registered reporters' areas of the messages read, with one look-up for the batch. */
async function withAreas(
  deps: InboundDeps,
  readings: PromiseSettledResult<InboundReading>[],
): Promise<PromiseSettledResult<InboundReading>[]> {
  const ready = readings.flatMap((r) => (r.status === 'fulfilled' && r.value.state === 'ready' ? [r.value] : []));
  const areas = await withRegisteredAreas(
    deps.db,
    ready.map((m) => m.normalized),
  );
  ready.forEach((m, k) => {
    m.normalized = areas[k]!;
  });
  return readings;
}

async function writeWithRetry(
  deps: InboundDeps,
  settings: Settings,
  ready: { m: Ready }[],
): Promise<RecordResult[] | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await writeBatch(deps, settings, ready);
    } catch (err) {
      deps.logger.warn(
        { messages: ready.length, attempt: attempt + 1, err: { message: (err as Error).message } },
        'inbound batch failed',
      );
    }
  }
  return null;
}

/**
 * One transaction for the whole batch: raw rows locked (a row processed meanwhile by a replay or another delivery is
 * left alone), contacts upserted, then the set-based lane read, decided and written with a statement per table
 * (batch-lanes.ts, batch-snapshots.ts, batch-apply.ts) and the rest one by one.
 */
async function writeBatch(deps: InboundDeps, settings: Settings, ready: { m: Ready }[]): Promise<RecordResult[]> {
  return deps.db.transaction().execute(async (trx) => {
    const states = await lockRawMessages(
      trx,
      ready.map((r) => r.m.rawMessageId),
    );
    const contacts = ready.map(({ m }) => ({
      key: contactKeyOf(m.normalized, m.raw),
      inbound: { at: m.raw.receivedAt, channel: m.raw.channel },
    }));
    const contactIds = await upsertContacts(trx, contacts);
    const messages: BatchMessage[] = ready.map(({ m }, k) => {
      const key = contacts[k]!.key;
      const contactId = contactIds.get(contactKeyId(key));
      if (!contactId) throw new Error('contact_not_stored: the batch upsert returned no row for a contact');
      return { input: recordInputOf(m, deps, settings, contactId), contact: key, contactId };
    });
    const results: RecordResult[] = new Array(ready.length);
    const lane = setBasedLane(messages, await stakeholderAddressesAmong(trx, senderAddresses(messages)));
    const plain = messages.flatMap((m, k) => (lane[k] && states.get(m.input.rawMessageId) === 'received' ? [k] : []));
    const snapshots = await readBatchSnapshots(
      trx,
      plain.map((k) => messages[k]!),
      settings,
    );
    const decided = plain.map((k, j) => {
      const m = messages[k]!;
      return { ...m, decision: decide({ ...m.input, contact: m.contact, contactId: m.contactId }, snapshots[j]!) };
    });
    const applied = await applyDecisions(trx, decided, settings);
    plain.forEach((k, j) => {
      results[k] = applied[j]!;
    });
    const done = new Set(plain);
    for (const [k, m] of messages.entries()) {
      // Processed meanwhile, or not plain: the per-message writer locks, reads and decides it (and leaves it alone
      // when it was processed).
      if (!done.has(k)) results[k] = await recordNormalizedMessage(trx, m.input);
    }
    return results;
  });
}

/** After the commit: the batch's outbox rows queued in one round trip, the outcomes, the live list told. */
async function finish(
  deps: InboundDeps,
  written: { index: number; m: Ready; result: RecordResult }[],
  results: Settled[],
): Promise<void> {
  await queueOutbound(
    deps.queues,
    written.flatMap((w) => w.result.outboundIds),
    deps.logger,
  );
  const changed = new Set<string>();
  for (const w of written) {
    results[w.index] = fulfilled(processedOutcome(deps, w.m, w.result));
    if (w.result.incidentId) changed.add(w.result.incidentId);
  }
  if (changed.size > 0) deps.onIncidentChanged?.([...changed]);
}

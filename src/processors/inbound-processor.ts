/**
 * The normalize role's processor: RawMessage → raw_messages + contact + incident (or thread message) + outbox rows,
 * in one PostgreSQL transaction, idempotently (docs/architecture.md rules 2, 4, 6). Throws to retry.
 */
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { type PrepareContext, type PreparerRegistry, preparerFor } from '../channels/registry';
import { prepareTextMessage } from '../channels/text-preparer';
import { UnreadableMessageError } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import { storableValue } from '../core/storable-text';
import type { Db } from '../db/connection';
import { pendingOutboundIds } from '../db/repos/outbound-messages';
import { markRawUnreadable, recordRawError, storeRawMessage } from '../db/repos/raw-messages';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { normalize } from '../normalize';
import type { Gazetteer } from '../normalize/gazetteer';
import { newReferenceCode } from '../normalize/reference-codes';
import type { InboundJobData, Queues } from '../queues/queues';
import { withRegisteredArea } from '../reporters/registered-area';
import { loadSettings, type Settings } from '../settings';
import { recordNormalizedMessage } from './record-normalized-message';

export interface InboundDeps {
  db: Db;
  queues: Pick<Queues, 'addOutbound'>;
  preparers: PreparerRegistry;
  gazetteer: Gazetteer;
  timezone: string;
  /** PUBLIC_URL: the link in alerts to the people on duty. */
  publicUrl?: string;
  ackReplies: boolean;
  logger: Logger;
  metrics?: Metrics;
  now?: () => Date;
  newReference?: () => string;
  /** Where the settings come from; default: read the table for each message. The service caches (settings-cache). */
  settings?: () => Promise<Settings>;
  /** Called after each committed incident change (the live list's event stream listens). */
  onIncidentChanged?: (incidentId: string) => void;
}

export type InboundOutcome =
  | { state: 'duplicate'; rawMessageId: string }
  | { state: 'unreadable'; rawMessageId: string; reason: string }
  | { state: 'processed'; rawMessageId: string; kind: string; incidentId: string | null; created: boolean };

/** Handles one inbound message end to end; safe to call any number of times for the same message. */
export async function processInbound(
  data: InboundJobData,
  deps: InboundDeps,
  context: PrepareContext = { finalAttempt: false },
): Promise<InboundOutcome> {
  const stored = await storeRawMessage(deps.db, data.raw);
  // From here on, text PostgreSQL refuses (NUL, lone surrogates) is U+FFFD: the original is in raw_messages.
  const raw: RawMessage = storableValue(data.raw);
  // An operator turning a stored message into a report runs it again on purpose.
  const converting = raw.staffEntry?.fromStoredMessage === true;
  if (stored.state !== 'received' && !data.replay && !converting) {
    deps.metrics?.inboundMessages.inc({ channel: raw.channel, kind: 'duplicate' });
    // Processed before (a redelivered job, a second webhook): only make sure its outbox reached the queue.
    await queueOutbound(deps, await pendingOutboundIds(deps.db, { rawMessageId: stored.id }));
    return { state: 'duplicate', rawMessageId: stored.id };
  }

  const prepare = preparerFor(deps.preparers, raw);
  let prepared: Awaited<ReturnType<NonNullable<typeof prepare>>>;
  try {
    if (!prepare) throw new UnreadableMessageError(`no reader for provider ${raw.provider} on channel ${raw.channel}`);
    // A channel's reader (a mail parser) can bring such text back out of bytes: clean what it made, too.
    prepared = storableValue(await prepare(raw, context));
  } catch (err) {
    if (err instanceof UnreadableMessageError && converting) {
      // Staff read it themselves: what the message carries as text is the report.
      prepared = storableValue(await prepareTextMessage({ ...raw, text: raw.text ?? raw.subject ?? '' }));
    } else if (err instanceof UnreadableMessageError) {
      await markRawUnreadable(deps.db, stored.id, err.message);
      deps.metrics?.inboundMessages.inc({ channel: raw.channel, kind: 'unreadable' });
      deps.logger.warn({ rawMessageId: stored.id, reason: err.message }, 'message unreadable; stored raw');
      return { state: 'unreadable', rawMessageId: stored.id, reason: err.message };
    } else {
      await recordRawError(deps.db, stored.id, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  // An email's reading was made in its parse thread; everything else is read here.
  const read = prepared.normalized ?? normalize(prepared.input, { gazetteer: deps.gazetteer, timezone: deps.timezone });
  // A registered reporter's area fills the location when the text names none (docs/app.md).
  const normalized = await withRegisteredArea(deps.db, read);
  const settings = await (deps.settings ? deps.settings() : loadSettings(deps.db));
  const result = await deps.db.transaction().execute((trx) =>
    recordNormalizedMessage(trx, {
      raw,
      rawMessageId: stored.id,
      prepared,
      normalized,
      settings,
      ackReplies: deps.ackReplies,
      replay: data.replay === true,
      now: deps.now?.() ?? new Date(),
      newReference: deps.newReference ?? (() => newReferenceCode((n) => randomBytes(n))),
      timezone: deps.timezone,
      publicUrl: deps.publicUrl ?? '',
    }),
  );
  await queueOutbound(deps, result.outboundIds);
  if (result.unanswered === 'reporter_cap' || result.unanswered === 'question_cap') {
    // Ids only (no number): staff see it in the thread; the log shows a flood or a loop being held back.
    deps.logger.info(
      { rawMessageId: stored.id, incidentId: result.incidentId, reason: result.unanswered },
      'automatic answer withheld by the loop and cost guard',
    );
  }
  deps.metrics?.inboundMessages.inc({ channel: raw.channel, kind: normalized.kind });
  deps.metrics?.processingSeconds.observe(
    { channel: raw.channel },
    Math.max(0, ((deps.now?.() ?? new Date()).getTime() - new Date(raw.receivedAt).getTime()) / 1000),
  );
  if (result.incidentId) deps.onIncidentChanged?.(result.incidentId);
  return {
    state: 'processed',
    rawMessageId: stored.id,
    kind: normalized.kind,
    incidentId: result.incidentId,
    created: result.created,
  };
}

async function queueOutbound(deps: InboundDeps, ids: string[]): Promise<void> {
  for (const id of ids) await deps.queues.addOutbound(id);
}

/** The BullMQ processor function for the `inbound` queue. */
export function createInboundProcessor(deps: InboundDeps) {
  return async (job: Job<InboundJobData>): Promise<InboundOutcome> =>
    // BullMQ retries while attemptsMade + 1 < attempts: this attempt is the last one otherwise.
    processInbound(job.data, deps, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
}

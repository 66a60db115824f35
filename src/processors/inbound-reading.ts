/**
 * A stored message made readable: the channel's preparer (a mail parsed in its thread), the normalizer, a
 * registered reporter's area. What both the per-message and the batched writers start from.
 */
import { randomBytes } from 'node:crypto';
import type { PrepareContext } from '../channels/registry';
import { preparerFor } from '../channels/registry';
import { prepareTextMessage } from '../channels/text-preparer';
import type { NormalizedMessage } from '../core/normalized-message';
import { type PreparedMessage, UnreadableMessageError } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import { storableValue } from '../core/storable-text';
import { markRawUnreadable, recordRawError, type StoredRawMessage } from '../db/repos/raw-messages';
import { normalize } from '../normalize';
import { newReferenceCode } from '../normalize/reference-codes';
import type { InboundJobData } from '../queues/queues';
import { withRegisteredArea } from '../reporters/registered-area';
import type { Settings } from '../settings';
import type { InboundDeps, InboundOutcome } from './inbound-deps';
import type { RecordInput, RecordResult } from './record-normalized-message';

export type InboundReading =
  | { state: 'duplicate' | 'unreadable'; outcome: InboundOutcome }
  | {
      state: 'ready';
      raw: RawMessage;
      rawMessageId: string;
      prepared: PreparedMessage;
      normalized: NormalizedMessage;
      replay: boolean;
    };

export async function readInbound(
  data: InboundJobData,
  stored: StoredRawMessage,
  deps: InboundDeps,
  context: PrepareContext,
  /** A batch applies its registered reporters' areas itself, with one look-up for all (withRegisteredAreas). */
  options: { registeredArea: boolean } = { registeredArea: true },
): Promise<InboundReading> {
  // From here on, text PostgreSQL refuses (NUL, lone surrogates) is U+FFFD: the original is in raw_messages.
  const raw: RawMessage = storableValue(data.raw);
  // An operator turning a stored message into a report runs it again on purpose.
  const converting = raw.staffEntry?.fromStoredMessage === true;
  if (stored.state !== 'received' && !data.replay && !converting) {
    deps.metrics?.inboundMessages.inc({ channel: raw.channel, kind: 'duplicate' });
    return { state: 'duplicate', outcome: { state: 'duplicate', rawMessageId: stored.id } };
  }

  const prepare = preparerFor(deps.preparers, raw);
  let prepared: PreparedMessage;
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
      return { state: 'unreadable', outcome: { state: 'unreadable', rawMessageId: stored.id, reason: err.message } };
    } else {
      await recordRawError(deps.db, stored.id, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  // An email's reading was made in its parse thread; everything else is read here.
  const read = prepared.normalized ?? normalize(prepared.input, { gazetteer: deps.gazetteer, timezone: deps.timezone });
  // A registered reporter's area fills the location when the text names none (docs/app.md).
  const normalized = options.registeredArea ? await withRegisteredArea(deps.db, read) : read;
  return { state: 'ready', raw, rawMessageId: stored.id, prepared, normalized, replay: data.replay === true };
}

/** What the transaction body needs for a message that is ready. */
export function recordInputOf(
  m: Extract<InboundReading, { state: 'ready' }>,
  deps: InboundDeps,
  settings: Settings,
  contactId?: string,
): RecordInput {
  return {
    raw: m.raw,
    rawMessageId: m.rawMessageId,
    prepared: m.prepared,
    normalized: m.normalized,
    settings,
    ackReplies: deps.ackReplies,
    replay: m.replay,
    now: deps.now?.() ?? new Date(),
    newReference: deps.newReference ?? (() => newReferenceCode((n) => randomBytes(n))),
    timezone: deps.timezone,
    publicUrl: deps.publicUrl ?? '',
    contactId,
  };
}

/** After the commit: metrics, the guard's log line, and the outcome the job completes with. */
export function processedOutcome(
  deps: InboundDeps,
  m: Extract<InboundReading, { state: 'ready' }>,
  result: RecordResult,
): InboundOutcome {
  const { raw } = m;
  if (result.unanswered === 'reporter_cap' || result.unanswered === 'question_cap') {
    // Ids only (no number): staff see it in the thread; the log shows a flood or a loop being held back.
    deps.logger.info(
      { rawMessageId: m.rawMessageId, incidentId: result.incidentId, reason: result.unanswered },
      'automatic answer withheld by the loop and cost guard',
    );
  }
  deps.metrics?.inboundMessages.inc({ channel: raw.channel, kind: m.normalized.kind });
  deps.metrics?.processingSeconds.observe(
    { channel: raw.channel },
    Math.max(0, ((deps.now?.() ?? new Date()).getTime() - new Date(raw.receivedAt).getTime()) / 1000),
  );
  return {
    state: 'processed',
    rawMessageId: m.rawMessageId,
    kind: m.normalized.kind,
    incidentId: result.incidentId,
    created: result.created,
  };
}

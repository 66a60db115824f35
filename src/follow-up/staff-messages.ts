/**
 * Inbound messages from our own people, recognised before the normalizer's reading decides what a message is:
 * "OK HK-7Q3F2K" from a number on the duty roster acknowledges the alert (not a status query, not a new report) and
 * is answered on the same path, so the officer knows it counted or who took the incident first; a stakeholder answering a forward (quoting the code, or replying to the forward's email) joins the incident's
 * thread without any automatic answer.
 */

import { outboundChannelOf } from '../core/channel';
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import { findDutyByPhone } from '../db/repos/duty-roster';
import { forwardedToAny } from '../db/repos/forwards';
import { findIncidentByEmailMessageIds, findIncidentById, findIncidentByReference } from '../db/repos/incidents';
import { insertOutbound } from '../db/repos/outbound-messages';
import { findStakeholdersByAddress } from '../db/repos/stakeholders';
import { toE164 } from '../shared/phone-number';
import { acknowledgementConfirmation, parseAcknowledgement } from './acknowledgement-text';
import { acknowledgeIncident } from './incident-alerts';

export interface StaffMessageInput {
  raw: RawMessage;
  rawMessageId: string;
  prepared: PreparedMessage;
  normalized: NormalizedMessage;
  /** Adds the message (and its attachments) to an incident's thread. */
  attach(incidentId: string): Promise<void>;
}

export type StaffMessageOutcome = {
  kind: 'acknowledgement' | 'stakeholder_reply';
  incidentId: string;
  /** Outbox rows to queue once the transaction commits (the confirmation to the officer). */
  outboundIds: string[];
};

/** The incident a code names, following a merge to the surviving incident. */
async function incidentByCode(trx: DbOrTrx, code: string): Promise<string | null> {
  const found = await findIncidentByReference(trx, code);
  return found ? (found.duplicate_of ?? found.id) : null;
}

/** The phone (E.164) or email address our own people are recognised by. */
export function staffAddressOf(
  raw: RawMessage,
  n: Pick<NormalizedMessage, 'reporter'>,
): { phone: string | null; email: string | null } {
  return {
    phone: raw.channel === 'email' ? null : (n.reporter.phone ?? toE164(raw.from)),
    email: raw.channel === 'email' ? (n.reporter.email?.toLowerCase() ?? null) : null,
  };
}

/**
 * Whether the message may be one of our own people's, given whether its sender is a stakeholder: an officer's
 * "OK HK-…" (the roster decides whose), or a stakeholder's message naming an incident (a code, a reply to a
 * forward's email). The batch writes the others without asking.
 */
export function mayBeStaffMessage(
  prepared: Pick<PreparedMessage, 'body' | 'input' | 'inReplyTo'>,
  n: Pick<NormalizedMessage, 'referenceCodes'>,
  fromStakeholder: boolean,
): boolean {
  if (parseAcknowledgement(prepared.body || prepared.input.text) !== null) return true;
  return fromStakeholder && (n.referenceCodes.length > 0 || (prepared.inReplyTo ?? []).length > 0);
}

export async function recordStaffMessage(trx: DbOrTrx, m: StaffMessageInput): Promise<StaffMessageOutcome | null> {
  const { raw, normalized: n, prepared } = m;
  const { phone, email } = staffAddressOf(raw, n);

  const answerChannel = outboundChannelOf(raw.channel);
  if (phone && answerChannel) {
    const code = parseAcknowledgement(prepared.body || prepared.input.text);
    const officer = code ? await findDutyByPhone(trx, phone) : undefined;
    const incidentId = officer && code ? await incidentByCode(trx, code) : null;
    if (officer && incidentId) {
      const first = await acknowledgeIncident(trx, incidentId, { name: officer.name, userId: null, via: raw.channel });
      const incident = await findIncidentById(trx, incidentId);
      const confirmation = await insertOutbound(trx, {
        dedupe_key: `ack-confirmation:${m.rawMessageId}`,
        incident_id: incidentId,
        raw_message_id: m.rawMessageId,
        // A message to staff about an alert: never counted by the reporters' loop guard.
        purpose: 'alert',
        channel: answerChannel,
        transport: raw.provider,
        to_address: phone,
        body: acknowledgementConfirmation({
          reference: incident?.reference ?? code ?? '',
          officer: officer.name,
          first,
          acknowledgedBy: incident?.acknowledged_by ?? null,
        }),
      });
      return { kind: 'acknowledgement', incidentId, outboundIds: confirmation ? [confirmation] : [] };
    }
  }

  // Out-of-office answers from an agency are not answers.
  if (n.kind === 'auto_reply') return null;
  const stakeholders = await findStakeholdersByAddress(trx, { phone, email });
  if (stakeholders.length === 0) return null;
  let incidentId: string | null = null;
  for (const code of n.referenceCodes) {
    incidentId = await incidentByCode(trx, code);
    if (incidentId) break;
  }
  incidentId ??= await findIncidentByEmailMessageIds(trx, prepared.inReplyTo ?? []);
  if (!incidentId) return null;
  // Only an incident forwarded to this stakeholder: an agency's number quoting any code must not write into any thread.
  const forwarded = await forwardedToAny(
    trx,
    incidentId,
    stakeholders.map((s) => s.id),
  );
  if (!forwarded) return null;
  await m.attach(incidentId);
  return { kind: 'stakeholder_reply', incidentId, outboundIds: [] };
}

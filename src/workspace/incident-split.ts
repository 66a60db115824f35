/**
 * Splitting: a reporter's message that joined a thread but reports something else becomes an incident of its own,
 * read afresh by the normalizer, with a new reference code. One transaction: the new incident, the message moved
 * (its attachments follow it), both incidents' history and the audit entry. The older incident keeps what the
 * message changed on it (a raised priority): staff correct that there if it was wrong.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../core/domain-error';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { addHistory } from '../db/repos/incident-history';
import { lockIncident } from '../db/repos/incidents';
import { findThreadMessageWithRaw, moveThreadMessage } from '../db/repos/thread-split';
import type { StaffUser } from '../db/repos/users';
import { followUpNewIncident } from '../follow-up/new-incident';
import { normalize } from '../normalize';
import type { Gazetteer } from '../normalize/gazetteer';
import { newReferenceCode } from '../normalize/reference-codes';
import { createIncident } from '../processors/create-incident';
import type { Settings } from '../settings';

export interface SplitContext {
  gazetteer: Gazetteer;
  settings: Settings;
  timezone: string;
  publicUrl: string;
}

export interface SplitResult {
  incidentId: string;
  reference: string;
  /** Alerts to the people on duty (an urgent new incident), to queue after commit. */
  outboundIds: string[];
}

export async function splitMessage(
  db: Db,
  incidentId: string,
  messageId: string,
  user: StaffUser,
  ctx: SplitContext,
): Promise<SplitResult> {
  return db.transaction().execute(async (trx) => {
    const source = await lockIncident(trx, incidentId);
    if (!source) throw new DomainError('not_found', 'not_found', 'insiden tidak ditemukan');
    const message = await findThreadMessageWithRaw(trx, incidentId, messageId);
    if (message?.direction !== 'in')
      throw new DomainError('not_found', 'not_found', 'pesan pelapor ini tidak ada di insiden ini');
    if (message.rawMessageId === source.first_raw_message_id)
      throw new DomainError(
        'conflict',
        'invalid_split',
        'pesan pertama adalah laporan insiden ini sendiri; tidak bisa dipisahkan',
      );

    const channel = message.channel as 'sms' | 'whatsapp' | 'email';
    const read = normalize(
      {
        channel,
        from: message.from,
        subject: message.subject,
        text: message.body,
        receivedAt: message.at.toISOString(),
      },
      { gazetteer: ctx.gazetteer, timezone: ctx.timezone },
    );
    // Staff decided it is a report of its own, whatever the reading of the words alone says.
    const normalized = { ...read, kind: 'report' as const };
    const incident = await createIncident(trx, {
      normalized,
      channel,
      receivedAt: message.at.toISOString(),
      contactId: message.contactId ?? source.contact_id,
      rawMessageId: message.rawMessageId,
      body: message.body,
      settings: ctx.settings,
      timezone: ctx.timezone,
      newReference: () => newReferenceCode((n) => randomBytes(n)),
    });
    // Inserted with the message already counted (message_count 1).
    await moveThreadMessage(trx, message.id, { incidentId }, { incidentId: incident.id, counted: true });
    await addHistory(trx, {
      incidentId,
      userId: user.id,
      kind: 'split',
      to: { incident: incident.id, reference: incident.reference, message: message.id },
    });
    await addHistory(trx, {
      incidentId: incident.id,
      userId: user.id,
      kind: 'split_from',
      to: { incident: incidentId, message: message.id },
    });
    await writeAudit(trx, {
      userId: user.id,
      action: 'incident.split',
      incidentId,
      details: { message: message.id, into: incident.id, reference: incident.reference },
    });
    const outboundIds = await followUpNewIncident(trx, incident, {
      settings: ctx.settings,
      timezone: ctx.timezone,
      publicUrl: ctx.publicUrl,
      now: new Date(),
    });
    return { incidentId: incident.id, reference: incident.reference, outboundIds };
  });
}

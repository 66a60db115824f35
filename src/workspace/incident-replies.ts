/**
 * A staff reply to the reporter on the channel they used: an outbox row (purpose 'reply') and a thread message
 * pointing at it, written together; queued after commit (the outbox sweeper queues it later if Redis was away).
 */
import { randomUUID } from 'node:crypto';
import { type Channel, outboundChannelOf } from '../core/channel';
import { DomainError } from '../core/domain-error';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { addHistory } from '../db/repos/incident-history';
import { linkThreadMessageToOutbound } from '../db/repos/incident-thread';
import { addThreadMessage, findIncidentView } from '../db/repos/incidents';
import { insertOutbound } from '../db/repos/outbound-messages';
import { rawMessageProvider } from '../db/repos/raw-messages';
import type { StaffUser } from '../db/repos/users';
import { transportFor } from '../follow-up/alert-context';
import type { Logger } from '../logger';
import type { Queues } from '../queues/queues';
import { appReplySmsText } from '../reporters/app-reply-text';
import { APP_PROVIDER } from '../reporters/app-report';
import { loadSettings } from '../settings';

export interface ReplyResult {
  outboundMessageId: string;
  threadMessageId: string;
}

export async function replyToReporter(
  deps: { db: Db; queues: Pick<Queues, 'addOutbound'>; logger: Logger },
  incidentId: string,
  text: string,
  user: StaffUser,
): Promise<ReplyResult> {
  const settings = await loadSettings(deps.db);
  const result = await deps.db.transaction().execute(async (trx) => {
    const incident = await findIncidentView(trx, incidentId);
    if (!incident) throw new DomainError('not_found', 'not_found', 'Insiden tidak ditemukan.');
    const app = incident.channel === 'app';
    // An app reporter reads the reply in the app; its outbox row is the SMS copy, sent later if still unopened.
    // A report taken by phone or at the desk is answered by SMS.
    const channel = app ? 'sms' : (outboundChannelOf(incident.channel as Channel) ?? 'sms');
    const wanted = channel === 'email' ? 'email' : 'phone';
    if (!incident.contact_address || incident.contact_kind !== wanted) {
      throw new DomainError(
        'conflict',
        'no_reply_address',
        `Pelapor tidak meninggalkan ${wanted === 'email' ? 'alamat email' : 'nomor telepon'} untuk dibalas.`,
      );
    }
    // The path the reporter used: SMS and WhatsApp answer through the provider that brought the report.
    // A report taken by phone or at the desk is answered through the configured SMS path.
    const transport = app
      ? APP_PROVIDER
      : channel === 'email'
        ? 'smtp'
        : incident.channel !== channel
          ? transportFor(channel, await loadSettings(trx))
          : incident.first_raw_message_id
            ? await rawMessageProvider(trx, incident.first_raw_message_id)
            : null;
    const outboundMessageId = await insertOutbound(trx, {
      dedupe_key: `reply:${randomUUID()}`,
      incident_id: incident.id,
      purpose: 'reply',
      channel,
      transport,
      to_address: incident.contact_address,
      subject: channel === 'email' ? `Re: [${incident.reference}] ${incident.title}`.slice(0, 200) : null,
      body: app ? appReplySmsText(incident.reference, text) : text,
      created_by: user.id,
    });
    if (!outboundMessageId) throw new Error('reply: outbox insert returned no row');
    const threadMessageId = await addThreadMessage(trx, {
      incidentId: incident.id,
      direction: 'out',
      channel: app ? 'app' : channel,
      to: incident.contact_address,
      body: text,
      at: new Date(),
    });
    if (!threadMessageId) throw new Error('reply: thread insert returned no row');
    await linkThreadMessageToOutbound(trx, threadMessageId, outboundMessageId);
    await addHistory(trx, { incidentId, userId: user.id, kind: 'reply', to: { outboundMessageId } });
    await writeAudit(trx, {
      userId: user.id,
      action: 'incident.reply',
      incidentId,
      details: { outboundMessageId, channel, transport, length: text.length },
    });
    return { outboundMessageId, threadMessageId, delayMs: app ? settings.appReplySmsMinutes * 60_000 : 0 };
  });
  try {
    await deps.queues.addOutbound(result.outboundMessageId, result.delayMs);
  } catch (err) {
    // The row is committed as 'pending': the outbox sweeper queues it once Redis answers again.
    deps.logger.warn(
      { outboundId: result.outboundMessageId, err: { message: (err as Error).message } },
      'reply not queued yet',
    );
  }
  return { outboundMessageId: result.outboundMessageId, threadMessageId: result.threadMessageId };
}

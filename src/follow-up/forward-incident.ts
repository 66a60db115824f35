/**
 * Forwarding an incident to stakeholders: per stakeholder an outbox row (purpose 'forward'), a thread message that
 * shows it (with a Message-ID of our own for email, so that the agency's reply finds the incident again), a forwards
 * row, history and audit — in one transaction, queued after commit.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../core/domain-error';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { insertForward } from '../db/repos/forwards';
import { addHistory } from '../db/repos/incident-history';
import { linkThreadMessageToOutbound } from '../db/repos/incident-thread';
import { addThreadMessage, findIncidentView } from '../db/repos/incidents';
import { insertOutbound } from '../db/repos/outbound-messages';
import { getStakeholders } from '../db/repos/stakeholders';
import type { StaffUser } from '../db/repos/users';
import type { Logger } from '../logger';
import { type OutboundQueuer, queueOutbound } from '../outbound/queue-outbound';
import { loadSettings } from '../settings';
import { transportFor } from './alert-context';
import { forwardText } from './forward-text';

export interface ForwardRequest {
  stakeholderIds: string[];
  note: string;
  includeReporter: boolean;
  /** Send by this channel instead of each stakeholder's own (another try after a failure). */
  channel?: 'sms' | 'whatsapp' | 'email';
}

export interface ForwardDeps {
  db: Db;
  queues: OutboundQueuer;
  logger: Logger;
  timezone: string;
  /** The domain of our Message-IDs (MAIL_FROM's, else PUBLIC_URL's host). */
  mailDomain: string;
}

/** `<halo-fwd-…@domain>`: stored on the thread message; an email answering it joins the incident. */
export function forwardMessageId(domain: string): string {
  return `halo-fwd-${randomUUID()}@${domain}`;
}

export function mailDomainOf(config: { MAIL_FROM?: string; PUBLIC_URL: string }): string {
  const fromMail = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM ?? '')?.[1];
  return fromMail ?? new URL(config.PUBLIC_URL).hostname;
}

export async function forwardIncident(
  deps: ForwardDeps,
  incidentId: string,
  request: ForwardRequest,
  user: StaffUser,
): Promise<{ forwardIds: string[] }> {
  const settings = await loadSettings(deps.db);
  const queued: string[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const incident = await findIncidentView(trx, incidentId);
    if (!incident) throw new DomainError('not_found', 'not_found', 'Insiden tidak ditemukan.');
    const stakeholders = await getStakeholders(trx, request.stakeholderIds);
    const missing = request.stakeholderIds.filter((id) => !stakeholders.some((s) => s.id === id && s.active));
    if (missing.length)
      throw new DomainError(
        'invalid',
        'bad_stakeholder',
        `stakeholderIds: pemangku kepentingan ${missing[0]} tidak ada atau tidak aktif`,
      );
    const receivedAt = new Intl.DateTimeFormat('id-ID', {
      timeZone: deps.timezone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(incident.received_at);
    const body = forwardText({
      reference: incident.reference,
      title: incident.title,
      summary: incident.summary,
      category: incident.category,
      priority: incident.priority,
      kelurahan: incident.kelurahan,
      kecamatan: incident.kecamatan,
      rt: incident.rt,
      rw: incident.rw,
      street: incident.street,
      receivedAt,
      reporter: {
        name: incident.contact_name,
        phone: incident.contact_kind === 'phone' ? incident.contact_address : null,
        email: incident.contact_kind === 'email' ? incident.contact_address : null,
      },
      note: request.note,
      includeReporter: request.includeReporter,
    });
    const forwardIds: string[] = [];
    for (const stakeholder of stakeholders) {
      const s = { ...stakeholder, channel: request.channel ?? stakeholder.channel };
      const to = s.channel === 'email' ? s.email : s.phone;
      if (!to) throw new DomainError('conflict', 'no_address', `${s.name} tidak punya alamat untuk kanal ${s.channel}`);
      const outboundId = await insertOutbound(trx, {
        dedupe_key: `forward:${randomUUID()}`,
        incident_id: incident.id,
        purpose: 'forward',
        channel: s.channel,
        transport: transportFor(s.channel, settings),
        to_address: to,
        subject:
          s.channel === 'email' ? `[${incident.reference}] Penerusan laporan: ${incident.title}`.slice(0, 200) : null,
        body,
        created_by: user.id,
      });
      if (!outboundId) throw new Error('forward: outbox insert returned no row');
      const threadId = await addThreadMessage(trx, {
        incidentId: incident.id,
        direction: 'out',
        channel: s.channel,
        to,
        body,
        emailMessageId: s.channel === 'email' ? forwardMessageId(deps.mailDomain) : null,
        at: new Date(),
      });
      if (!threadId) throw new Error('forward: thread insert returned no row');
      await linkThreadMessageToOutbound(trx, threadId, outboundId);
      forwardIds.push(
        await insertForward(trx, {
          incident_id: incident.id,
          stakeholder_id: s.id,
          user_id: user.id,
          note: request.note,
          include_reporter: request.includeReporter,
          outbound_message_id: outboundId,
          incident_message_id: threadId,
        }),
      );
      queued.push(outboundId);
    }
    await addHistory(trx, {
      incidentId,
      userId: user.id,
      kind: 'forward',
      to: { stakeholders: stakeholders.map((s) => s.name), includeReporter: request.includeReporter },
    });
    await writeAudit(trx, {
      userId: user.id,
      action: 'incident.forward',
      incidentId,
      details: { stakeholderIds: request.stakeholderIds, includeReporter: request.includeReporter, forwardIds },
    });
    return { forwardIds };
  });
  await queueOutbound(deps.queues, queued, deps.logger);
  return result;
}

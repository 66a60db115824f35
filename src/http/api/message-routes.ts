/**
 * Stored messages: `GET /api/messages?state=` (raw messages by state, unreadable by default), "Pesan lain"
 * (`GET /api/messages/other`: noise, auto-replies, unreadable; masked for viewers) and
 * `POST /api/messages/:id/incident`, turning one into an incident (operators, audited).
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { identityMask } from '../../auth/masking';
import { listRawMessagesInState, type RawMessageState } from '../../db/repos/raw-messages';
import { loadIncidentDetail } from '../../workspace/incident-detail';
import { turnMessageIntoIncident } from '../../workspace/message-to-incident';
import { anyStaff, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { auditIdentityShown, auditMessagesShown } from '../identity-audit';
import { parsePage } from '../incident-filter-query';
import { otherMessagesPage } from '../other-messages-query';

const STATES: RawMessageState[] = ['unreadable', 'received', 'processed'];

export async function messageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/messages', { preHandler: anyStaff }, async (req) => {
    const user = staffOf(req);
    const { state = 'unreadable' } = req.query as { state?: string };
    if (!STATES.includes(state as RawMessageState))
      throw new HttpError(400, 'bad_filter', 'state: nilai tidak dikenal');
    const page = await listRawMessagesInState(deps.db, {
      state: state as RawMessageState,
      ...parsePage(req.query as Record<string, unknown>),
    });
    await auditMessagesShown(
      deps.db,
      user,
      'GET /api/messages',
      page.rows.map((r) => r.id),
    );
    const mask = identityMask(user.role);
    return {
      items: page.rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        provider: r.provider,
        receivedAt: r.received_at.toISOString(),
        from: mask.address(r.from_address),
        subject: r.subject ? mask.text(r.subject) : r.subject,
        state: r.state,
        reason: r.error ? mask.text(r.error) : r.error,
        attempts: r.attempts,
        size: r.size_bytes,
      })),
      nextCursor: page.nextCursor,
    };
  });

  app.get('/api/messages/other', { preHandler: anyStaff }, async (req) => {
    const { items, nextCursor } = await otherMessagesPage(
      deps.db,
      staffOf(req),
      req.query as Record<string, unknown>,
      'GET /api/messages/other',
    );
    return { items, nextCursor };
  });

  app.post<{ Params: { id: string } }>('/api/messages/:id/incident', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
    const outcome = await turnMessageIntoIncident(deps, req.params.id, user);
    if (outcome.state === 'queued') {
      return reply
        .code(202)
        .send({ state: 'queued', message: 'Pesan sudah masuk antrean dan akan muncul di daftar insiden.' });
    }
    const detail = await loadIncidentDetail(deps.db, outcome.incidentId, user.role);
    if (detail) await auditIdentityShown(deps.db, user, 'POST /api/messages/:id/incident', [detail]);
    return reply.code(outcome.created ? 201 : 200).send(detail);
  });
}

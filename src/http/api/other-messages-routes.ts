/**
 * "Pesan lain": `GET /api/messages/other` lists the messages that became no incident (noise, auto-replies,
 * unreadable; masked for viewers), `POST /api/messages/:id/incident` turns one into an incident (operators, audited).
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import type { DbOrTrx } from '../../db/connection';
import { listOtherMessages } from '../../db/repos/raw-messages';
import type { StaffUser } from '../../db/repos/users';
import { loadIncidentDetail } from '../../workspace/incident-detail';
import { turnMessageIntoIncident } from '../../workspace/message-to-incident';
import {
  OTHER_MESSAGE_KINDS,
  type OtherMessage,
  type OtherMessageKind,
  otherMessageForRole,
} from '../../workspace/other-messages';
import { anyStaff, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { auditIdentityShown, auditMessagesShown } from './identity-audit';
import { parsePage } from './incident-filter-query';

/** `show`: one kind, or every kind when absent. */
export function parseShow(value: unknown): OtherMessageKind | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !OTHER_MESSAGE_KINDS.includes(value as OtherMessageKind))
    throw new HttpError(400, 'bad_filter', 'show: harus noise, auto_reply atau unreadable');
  return value as OtherMessageKind;
}

/** One page of "Pesan lain" as `user` may see it (API and page alike); unmasked senders are audited. */
export async function otherMessagesPage(
  db: DbOrTrx,
  user: StaffUser,
  query: Record<string, unknown>,
  route: string,
): Promise<{ items: OtherMessage[]; nextCursor: string | null; show: OtherMessageKind | null }> {
  const show = parseShow(query.show);
  const page = await listOtherMessages(db, { ...parsePage(query), show });
  const items = page.rows.map((r) => otherMessageForRole(r, user.role));
  await auditMessagesShown(
    db,
    user,
    route,
    items.map((i) => i.id),
  );
  return { items, nextCursor: page.nextCursor, show };
}

export async function otherMessagesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
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
    if (!/^\d{1,18}$/.test(req.params.id)) throw new HttpError(400, 'bad_request', 'id: harus angka');
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

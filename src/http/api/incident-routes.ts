/**
 * The incident API: list (filters, full text, keyset paging), one incident with its thread, and the staff actions
 * (PATCH, notes, replies, merge, split). Every action publishes an incident event for the live list.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { incidentForRole } from '../../auth/masking';
import { writeAudit } from '../../db/repos/audit-log';
import { addHistory, addNote } from '../../db/repos/incident-history';
import { listIncidents } from '../../db/repos/incident-list';
import { findIncidentById, findIncidentByReference, toIncident } from '../../db/repos/incidents';
import { refreshDeadlines } from '../../follow-up/incident-deadlines';
import { followUpIncidentChange } from '../../follow-up/new-incident';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { loadSettings, type Settings } from '../../settings';
import { changeIncident, incidentChangeSchema } from '../../workspace/incident-changes';
import { loadIncidentDetail } from '../../workspace/incident-detail';
import { mergeIncident } from '../../workspace/incident-merge';
import { replyToReporter } from '../../workspace/incident-replies';
import { splitMessage } from '../../workspace/incident-split';
import { anyStaff, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { auditIdentityShown } from './identity-audit';
import { parseFilter, parsePage } from './incident-filter-query';
import { parseBody } from './parse-body';

export const textBody = z.object({ text: z.string().trim().min(1).max(4000) });
/** `into`: the surviving incident's id, or its reference code (what staff see on screen). */
export const mergeBody = z.object({ into: z.union([z.string().trim().min(1).max(40), z.number().int().positive()]) });

function alertContext(deps: AppDeps, settings: Settings) {
  return { settings, timezone: deps.config.TIMEZONE, publicUrl: deps.config.PUBLIC_URL, now: new Date() };
}

/** Queues committed outbox rows; a row left 'pending' is queued by the outbox sweeper once Redis answers again. */
async function queueOutboundRows(deps: AppDeps, ids: string[]): Promise<void> {
  for (const id of ids) {
    await deps.queues.addOutbound(id).catch((err: Error) => {
      deps.logger.warn({ outboundId: id, err: { message: err.message } }, 'outbound row not queued yet');
    });
  }
}

async function existing(deps: AppDeps, id: string): Promise<void> {
  if (!(await findIncidentById(deps.db, id))) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
}

export async function incidentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/incidents', { preHandler: anyStaff }, async (req) => {
    const user = staffOf(req);
    const query = req.query as Record<string, unknown>;
    const page = await listIncidents(deps.db, parseFilter(query, user.role), {
      ...parsePage(query),
      timezone: deps.config.TIMEZONE,
    });
    const items = page.rows.map((r) => incidentForRole(toIncident(r), user.role));
    await auditIdentityShown(deps.db, user, 'GET /api/incidents', items);
    return { items, nextCursor: page.nextCursor };
  });

  app.get<{ Params: { id: string } }>('/api/incidents/:id', { preHandler: anyStaff }, async (req) => {
    const user = staffOf(req);
    const detail = await loadIncidentDetail(deps.db, req.params.id, user.role);
    if (!detail) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
    await auditIdentityShown(deps.db, user, 'GET /api/incidents/:id', [detail]);
    return detail;
  });

  app.patch<{ Params: { id: string } }>('/api/incidents/:id', { preHandler: operators }, async (req) => {
    const user = staffOf(req);
    await existing(deps, req.params.id);
    const change = parseBody(incidentChangeSchema, req.body ?? {});
    const settings = await loadSettings(deps.db);
    const alerts: string[] = [];
    const changed = await changeIncident(
      deps.db,
      loadGazetteer(deps.config.REGION_CODE),
      req.params.id,
      change,
      user,
      async (trx, kinds) => {
        alerts.push(...(await followUpIncidentChange(trx, req.params.id, kinds, alertContext(deps, settings))));
      },
    );
    await queueOutboundRows(deps, alerts);
    if (changed.length) deps.events.publish(req.params.id);
    const detail = await loadIncidentDetail(deps.db, req.params.id, user.role);
    await auditIdentityShown(deps.db, user, 'PATCH /api/incidents/:id', detail ? [detail] : []);
    return { changed, incident: detail };
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/notes', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
    await existing(deps, req.params.id);
    const { text } = parseBody(textBody, req.body);
    const id = await deps.db.transaction().execute(async (trx) => {
      const noteId = await addNote(trx, { incidentId: req.params.id, userId: user.id, text });
      await addHistory(trx, { incidentId: req.params.id, userId: user.id, kind: 'note', to: { noteId } });
      await writeAudit(trx, {
        userId: user.id,
        action: 'incident.note',
        incidentId: req.params.id,
        details: { noteId },
      });
      return noteId;
    });
    deps.events.publish(req.params.id);
    return reply.code(201).send({ id });
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/replies', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
    await existing(deps, req.params.id);
    const { text } = parseBody(textBody, req.body);
    const result = await replyToReporter(deps, req.params.id, text, user);
    // The first answer to the reporter is a response target (docs/follow-up.md).
    const settings = await loadSettings(deps.db);
    await refreshDeadlines(deps.db, req.params.id, settings, deps.config.TIMEZONE);
    deps.events.publish(req.params.id);
    return reply
      .code(202)
      .send({ id: result.threadMessageId, outboundMessageId: result.outboundMessageId, state: 'pending' });
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/merge', { preHandler: operators }, async (req) => {
    const user = staffOf(req);
    const { into } = parseBody(mergeBody, req.body);
    const target = /^\d{1,18}$/.test(String(into))
      ? String(into)
      : (await findIncidentByReference(deps.db, String(into).toUpperCase()))?.id;
    if (!target) throw new HttpError(400, 'bad_merge', 'into: insiden tujuan tidak ditemukan');
    const moved = await mergeIncident(deps.db, req.params.id, target, user);
    deps.events.publish(req.params.id);
    deps.events.publish(target);
    return { merged: req.params.id, into: target, messagesMoved: moved };
  });

  app.post<{ Params: { id: string; messageId: string } }>(
    '/api/incidents/:id/messages/:messageId/split',
    { preHandler: operators },
    async (req, reply) => {
      const user = staffOf(req);
      const { id, messageId } = req.params;
      if (!/^\d{1,18}$/.test(id)) throw new HttpError(400, 'bad_request', 'nomor insiden tidak valid');
      if (!/^\d{1,18}$/.test(messageId)) throw new HttpError(400, 'bad_request', 'nomor pesan tidak valid');
      const result = await splitMessage(deps.db, id, messageId, user, {
        gazetteer: loadGazetteer(deps.config.REGION_CODE),
        settings: await loadSettings(deps.db),
        timezone: deps.config.TIMEZONE,
        publicUrl: deps.config.PUBLIC_URL,
      });
      await queueOutboundRows(deps, result.outboundIds);
      deps.events.publish(id);
      deps.events.publish(result.incidentId);
      return reply.code(201).send({ incident: { id: result.incidentId, reference: result.reference } });
    },
  );
}

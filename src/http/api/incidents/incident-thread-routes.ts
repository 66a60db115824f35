/**
 * An incident's thread and history: internal notes, replies to the reporter, merging the thread into another
 * incident, and splitting a message out into an incident of its own (docs/conversations.md). Every action
 * publishes an incident event for the live list.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps/app-deps';
import { findIncidentById, findIncidentByReference } from '../../../db/repos/incidents';
import { refreshDeadlines } from '../../../follow-up/incident-deadlines';
import { loadGazetteer } from '../../../normalize/gazetteer-loader';
import { queueOutbound } from '../../../outbound/queue-outbound';
import { loadSettings } from '../../../settings';
import { mergeIncident } from '../../../workspace/incident-merge';
import { addIncidentNote } from '../../../workspace/incident-notes';
import { replyToReporter } from '../../../workspace/incident-replies';
import { splitMessage } from '../../../workspace/incident-split';
import { operators, staffOf } from '../../auth/staff-auth';
import { HttpError } from '../../http-errors';
import { parseBody } from '../../request-input';

export const textBody = z.object({ text: z.string().trim().min(1).max(4000) });
/** `into`: the surviving incident's id, or its reference code (what staff see on screen). */
export const mergeBody = z.object({ into: z.union([z.string().trim().min(1).max(40), z.number().int().positive()]) });

async function existing(deps: AppDeps, id: string): Promise<void> {
  if (!(await findIncidentById(deps.db, id))) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
}

export async function incidentThreadRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post<{ Params: { id: string } }>('/api/incidents/:id/notes', { preHandler: operators }, async (req, reply) => {
    await existing(deps, req.params.id);
    const { text } = parseBody(textBody, req.body);
    const id = await addIncidentNote(deps.db, req.params.id, staffOf(req), text);
    deps.events.publish(req.params.id);
    return reply.code(201).send({ id });
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/replies', { preHandler: operators }, async (req, reply) => {
    await existing(deps, req.params.id);
    const { text } = parseBody(textBody, req.body);
    const result = await replyToReporter(deps, req.params.id, text, staffOf(req));
    // The first answer to the reporter is a response target (docs/follow-up.md).
    await refreshDeadlines(deps.db, req.params.id, await loadSettings(deps.db), deps.config.TIMEZONE);
    deps.events.publish(req.params.id);
    return reply
      .code(202)
      .send({ id: result.threadMessageId, outboundMessageId: result.outboundMessageId, state: 'pending' });
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/merge', { preHandler: operators }, async (req) => {
    const { into } = parseBody(mergeBody, req.body);
    const target = /^\d{1,18}$/.test(String(into))
      ? String(into)
      : (await findIncidentByReference(deps.db, String(into).toUpperCase()))?.id;
    if (!target) throw new HttpError(400, 'bad_merge', 'into: insiden tujuan tidak ditemukan');
    const moved = await mergeIncident(deps.db, req.params.id, target, staffOf(req));
    deps.events.publish(req.params.id);
    deps.events.publish(target);
    return { merged: req.params.id, into: target, messagesMoved: moved };
  });

  app.post<{ Params: { id: string; messageId: string } }>(
    '/api/incidents/:id/messages/:messageId/split',
    { preHandler: operators },
    async (req, reply) => {
      const { id, messageId } = req.params;
      // `:id` is checked by the workspace's id hook; the message's id is this route's own.
      if (!/^\d{1,18}$/.test(messageId)) throw new HttpError(400, 'bad_request', 'nomor pesan tidak valid');
      const result = await splitMessage(deps.db, id, messageId, staffOf(req), {
        gazetteer: loadGazetteer(deps.config.REGION_CODE),
        settings: await loadSettings(deps.db),
        timezone: deps.config.TIMEZONE,
        publicUrl: deps.config.PUBLIC_URL,
      });
      await queueOutbound(deps.queues, result.outboundIds, deps.logger);
      deps.events.publish(id);
      deps.events.publish(result.incidentId);
      return reply.code(201).send({ incident: { id: result.incidentId, reference: result.reference } });
    },
  );
}

/**
 * Following an incident up (docs/follow-up.md): the officer on duty acknowledging its alert, forwarding it to
 * stakeholders, and the stakeholders suggested for it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps/app-deps';
import { findIncidentById } from '../../../db/repos/incidents';
import { listStakeholders } from '../../../db/repos/stakeholders';
import { forwardIncident, mailDomainOf } from '../../../follow-up/forward-incident';
import { suggestStakeholders } from '../../../follow-up/stakeholder-suggestions';
import { acknowledgeAlert } from '../../../workspace/alert-acknowledgement';
import { anyStaff, operators, staffOf } from '../../auth/staff-auth';
import { HttpError } from '../../http-errors';
import { parseBody } from '../../request-input';

const id = z.union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()]).transform(String);

export const forwardBody = z
  .object({
    stakeholderIds: z.array(id).min(1).max(20),
    note: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => v ?? ''),
    includeReporter: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .nullish()
      .transform((v) => v === true || v === 'true'),
    /** Another channel than the stakeholder's own, after a failed forward. */
    channel: z.enum(['sms', 'whatsapp', 'email']).nullish(),
  })
  .strict();

const notFound = () => new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');

export async function incidentFollowUpRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post<{ Params: { id: string } }>('/api/incidents/:id/ack', { preHandler: operators }, async (req) => {
    const ack = await acknowledgeAlert(deps.db, req.params.id, staffOf(req));
    if (!ack) throw notFound();
    if (ack.acknowledged) deps.events.publish(req.params.id);
    return ack;
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/forwards', { preHandler: operators }, async (req, reply) => {
    const body = parseBody(forwardBody, req.body);
    const result = await forwardIncident(
      {
        db: deps.db,
        queues: deps.queues,
        logger: deps.logger,
        timezone: deps.config.TIMEZONE,
        mailDomain: mailDomainOf(deps.config),
      },
      req.params.id,
      {
        stakeholderIds: [...new Set(body.stakeholderIds)],
        note: body.note,
        includeReporter: body.includeReporter,
        channel: body.channel ?? undefined,
      },
      staffOf(req),
    );
    deps.events.publish(req.params.id);
    return reply.code(202).send({ ids: result.forwardIds });
  });

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id/stakeholder-suggestions',
    { preHandler: anyStaff },
    async (req) => {
      const incident = await findIncidentById(deps.db, req.params.id);
      if (!incident) throw notFound();
      const items = suggestStakeholders(await listStakeholders(deps.db), {
        category: incident.category,
        kecamatanCode: incident.kecamatan_code,
      });
      return { items };
    },
  );
}

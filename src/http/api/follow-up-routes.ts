/**
 * Follow-up API (docs/follow-up.md): acknowledging an alert, forwarding to stakeholders and the suggestions for it,
 * the duty roster (admins edit it; anyone reads who is on duty now), and editing stakeholders.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { CATEGORIES } from '../../core/normalized-message';
import { writeAudit } from '../../db/repos/audit-log';
import { deleteDutyException, insertDuty, listDuty, updateDuty, upsertDutyException } from '../../db/repos/duty-roster';
import { findIncidentById } from '../../db/repos/incidents';
import { listStakeholders, updateStakeholder } from '../../db/repos/stakeholders';
import { parseDutyInput } from '../../follow-up/duty-input';
import { forwardIncident, mailDomainOf } from '../../follow-up/forward-incident';
import { acknowledgeIncident } from '../../follow-up/incident-alerts';
import { isLocalDate } from '../../follow-up/local-time';
import { onDutyAt } from '../../follow-up/on-duty';
import { phoneInput } from '../../follow-up/phone-input';
import { suggestStakeholders } from '../../follow-up/stakeholder-suggestions';
import { admins, anyStaff, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from './parse-body';

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

export const exceptionBody = z
  .object({
    onDuty: z.boolean(),
    from: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullish(),
    to: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullish(),
    note: z.string().max(200).nullish(),
  })
  .strict();

export const stakeholderPatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    agency: z.string().trim().max(200),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    phone: phoneInput(),
    email: z.string().trim().email().nullable(),
    categories: z.array(z.enum(CATEGORIES)),
    kecamatanCodes: z.array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/)),
    active: z.boolean(),
  })
  .partial()
  .strict();

export async function followUpRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post<{ Params: { id: string } }>('/api/incidents/:id/ack', { preHandler: operators }, async (req) => {
    const user = staffOf(req);
    if (!(await findIncidentById(deps.db, req.params.id)))
      throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
    const acknowledged = await deps.db.transaction().execute(async (trx) => {
      const done = await acknowledgeIncident(trx, req.params.id, {
        name: user.name || user.email,
        userId: user.id,
        via: 'workspace',
      });
      if (done) await writeAudit(trx, { userId: user.id, action: 'incident.ack', incidentId: req.params.id });
      return done;
    });
    if (acknowledged) deps.events.publish(req.params.id);
    const row = await findIncidentById(deps.db, req.params.id);
    return {
      acknowledged,
      acknowledgedAt: row?.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: row?.acknowledged_by ?? null,
    };
  });

  app.post<{ Params: { id: string } }>('/api/incidents/:id/forwards', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
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
      user,
    );
    deps.events.publish(req.params.id);
    return reply.code(202).send({ ids: result.forwardIds });
  });

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id/stakeholder-suggestions',
    { preHandler: anyStaff },
    async (req) => {
      const incident = await findIncidentById(deps.db, req.params.id);
      if (!incident) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
      const items = suggestStakeholders(await listStakeholders(deps.db), {
        category: incident.category,
        kecamatanCode: incident.kecamatan_code,
      });
      return { items };
    },
  );

  app.get('/api/duty/now', { preHandler: anyStaff }, async () => {
    const roster = await listDuty(deps.db, { activeOnly: true });
    return { at: new Date().toISOString(), items: onDutyAt(roster, new Date(), deps.config.TIMEZONE) };
  });

  app.post('/api/duty', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const parsed = parseDutyInput(req.body ?? {});
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.error);
    const created = await deps.db.transaction().execute(async (trx) => {
      const rosterId = await insertDuty(trx, parsed.entry);
      await writeAudit(trx, { userId: user.id, action: 'duty.create', details: { rosterId } });
      return rosterId;
    });
    return reply.code(201).send((await listDuty(deps.db)).find((p) => p.id === created));
  });

  app.patch<{ Params: { id: string } }>('/api/duty/:id', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    const current = (await listDuty(deps.db)).find((p) => p.id === req.params.id);
    if (!current) throw new HttpError(404, 'not_found', 'Petugas siaga tidak ditemukan.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseDutyInput({ ...current, ...body });
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.error);
    const extra = parseBody(
      z.object({ active: z.boolean().optional(), position: z.number().int().optional() }).passthrough(),
      body,
    );
    await deps.db.transaction().execute(async (trx) => {
      await updateDuty(trx, req.params.id, { ...parsed.entry, active: extra.active, position: extra.position });
      await writeAudit(trx, {
        userId: user.id,
        action: 'duty.change',
        details: { rosterId: req.params.id, fields: Object.keys(body) },
      });
    });
    return (await listDuty(deps.db)).find((p) => p.id === req.params.id);
  });

  // Taking someone off the roster keeps them (earlier alerts name them): they are only made inactive.
  app.delete<{ Params: { id: string } }>('/api/duty/:id', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    if (!/^\d{1,18}$/.test(req.params.id) || !(await updateDuty(deps.db, req.params.id, { active: false })))
      throw new HttpError(404, 'not_found', 'Petugas siaga tidak ditemukan.');
    await writeAudit(deps.db, { userId: user.id, action: 'duty.remove', details: { rosterId: req.params.id } });
    return { id: req.params.id, active: false };
  });

  app.put<{ Params: { id: string; date: string } }>(
    '/api/duty/:id/exceptions/:date',
    { preHandler: admins },
    async (req) => {
      const user = staffOf(req);
      if (!isLocalDate(req.params.date))
        throw new HttpError(400, 'bad_request', 'date: harus tanggal YYYY-MM-DD yang ada');
      const body = parseBody(exceptionBody, req.body);
      if (!(await listDuty(deps.db)).some((p) => p.id === req.params.id))
        throw new HttpError(404, 'not_found', 'Petugas siaga tidak ditemukan.');
      const exception = {
        date: req.params.date,
        onDuty: body.onDuty,
        from: body.onDuty ? (body.from ?? null) : null,
        to: body.onDuty ? (body.to ?? null) : null,
      };
      if ((exception.from === null) !== (exception.to === null))
        throw new HttpError(400, 'bad_request', 'from dan to: isi kedua jam atau kosongkan keduanya');
      await upsertDutyException(deps.db, req.params.id, { ...exception, note: body.note ?? '' });
      await writeAudit(deps.db, {
        userId: user.id,
        action: 'duty.exception',
        details: { rosterId: req.params.id, ...exception },
      });
      return exception;
    },
  );

  app.delete<{ Params: { id: string; date: string } }>(
    '/api/duty/:id/exceptions/:date',
    { preHandler: admins },
    async (req) => {
      const user = staffOf(req);
      if (!isLocalDate(req.params.date) || !/^\d{1,18}$/.test(req.params.id))
        throw new HttpError(404, 'not_found', 'Pengecualian jadwal tidak ditemukan.');
      if (!(await deleteDutyException(deps.db, req.params.id, req.params.date)))
        throw new HttpError(404, 'not_found', 'Pengecualian jadwal tidak ditemukan.');
      await writeAudit(deps.db, {
        userId: user.id,
        action: 'duty.exception.remove',
        details: { rosterId: req.params.id, date: req.params.date },
      });
      return { deleted: true };
    },
  );

  app.patch<{ Params: { id: string } }>('/api/stakeholders/:id', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    if (!/^\d{1,18}$/.test(req.params.id))
      throw new HttpError(404, 'not_found', 'Pemangku kepentingan tidak ditemukan.');
    const body = parseBody(stakeholderPatch, req.body);
    const updated = await deps.db.transaction().execute(async (trx) => {
      const s = await updateStakeholder(trx, req.params.id, body);
      if (s && (s.channel === 'email' ? !s.email : !s.phone))
        throw new HttpError(400, 'bad_request', 'kanal ini memerlukan alamatnya (telepon atau email)');
      if (s) {
        await writeAudit(trx, {
          userId: user.id,
          action: 'stakeholder.change',
          details: { stakeholderId: s.id, fields: Object.keys(body) },
        });
      }
      return s;
    });
    if (!updated) throw new HttpError(404, 'not_found', 'Pemangku kepentingan tidak ditemukan.');
    return updated;
  });
}

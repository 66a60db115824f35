/**
 * The incidents themselves: the list (filters, full text, keyset paging), one incident with its thread, changing
 * it (PATCH), and reports staff take by phone or at the desk (`POST /api/incidents`, stored through the inbound
 * pipeline, and `POST /api/incidents/preview`, what the normalizer reads while staff type).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps/app-deps';
import { incidentForRole } from '../../../auth/masking';
import { listIncidents } from '../../../db/repos/incident-list';
import { findIncidentById, toIncident } from '../../../db/repos/incidents';
import { followUpIncidentChange } from '../../../follow-up/new-incident';
import { loadGazetteer } from '../../../normalize/gazetteer-loader';
import { queueOutbound } from '../../../outbound/queue-outbound';
import { loadSettings } from '../../../settings';
import { changeIncident, incidentChangeSchema } from '../../../workspace/incident-changes';
import { loadIncidentDetail } from '../../../workspace/incident-detail';
import {
  previewReading,
  STAFF_CHANNELS,
  staffRawMessage,
  staffReportSchema,
  submitStaffReport,
} from '../../../workspace/staff-report';
import { anyStaff, operators, staffOf } from '../../auth/staff-auth';
import { HttpError } from '../../http-errors';
import { auditIdentityShown } from '../../identity-audit';
import { parseFilter, parsePage } from '../../incident-filter-query';
import { parseBody } from '../../request-input';

export const previewBody = z
  .object({
    text: z.string().max(4000),
    receivedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    channel: z.enum(STAFF_CHANNELS).optional(),
  })
  .strict();

export async function incidentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const gazetteer = () => loadGazetteer(deps.config.REGION_CODE);

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
    if (!(await findIncidentById(deps.db, req.params.id))) {
      throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
    }
    const change = parseBody(incidentChangeSchema, req.body);
    const context = {
      settings: await loadSettings(deps.db),
      timezone: deps.config.TIMEZONE,
      publicUrl: deps.config.PUBLIC_URL,
      now: new Date(),
    };
    const alerts: string[] = [];
    const changed = await changeIncident(deps.db, gazetteer(), req.params.id, change, user, async (trx, kinds) => {
      alerts.push(...(await followUpIncidentChange(trx, req.params.id, kinds, context)));
    });
    await queueOutbound(deps.queues, alerts, deps.logger);
    if (changed.length) deps.events.publish(req.params.id);
    const detail = await loadIncidentDetail(deps.db, req.params.id, user.role);
    await auditIdentityShown(deps.db, user, 'PATCH /api/incidents/:id', detail ? [detail] : []);
    return { changed, incident: detail };
  });

  app.post('/api/incidents/preview', { preHandler: operators }, async (req) => {
    const body = parseBody(previewBody, req.body);
    const receivedAt = body.receivedAt ?? new Date().toISOString();
    return { reading: previewReading(body.text, receivedAt, gazetteer(), deps.config.TIMEZONE) };
  });

  app.post('/api/incidents', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
    const report = parseBody(staffReportSchema, req.body);
    const outcome = await submitStaffReport(deps, staffRawMessage(report, user, gazetteer()));
    if (outcome.state === 'queued') {
      return reply.code(202).send({
        state: 'queued',
        submissionId: report.submissionId,
        message: 'Laporan sudah masuk antrean dan akan muncul di daftar insiden begitu diproses.',
      });
    }
    const detail = await loadIncidentDetail(deps.db, outcome.incidentId, user.role);
    if (detail) await auditIdentityShown(deps.db, user, 'POST /api/incidents', [detail]);
    // 201 for the incident this submission created (a double click gets the same one); 200 when it joined a thread.
    return reply.code(outcome.created ? 201 : 200).send(detail);
  });
}

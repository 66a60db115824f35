/**
 * Reports staff take by phone or at the desk: `POST /api/incidents` stores one through the inbound pipeline and
 * answers with the incident as `GET /api/incidents/:id` shows it; `POST /api/incidents/preview` shows what the
 * normalizer reads while staff type.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { loadIncidentDetail } from '../../workspace/incident-detail';
import {
  previewReading,
  STAFF_CHANNELS,
  staffRawMessage,
  staffReportSchema,
  submitStaffReport,
} from '../../workspace/staff-report';
import { operators, staffOf } from '../auth/staff-auth';
import { auditIdentityShown } from './identity-audit';
import { parseBody } from './parse-body';

const previewSchema = z
  .object({
    text: z.string().max(4000),
    receivedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    channel: z.enum(STAFF_CHANNELS).optional(),
  })
  .strict();

export async function staffReportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const gazetteer = () => loadGazetteer(deps.config.REGION_CODE);

  app.post('/api/incidents/preview', { preHandler: operators }, async (req) => {
    const body = parseBody(previewSchema, req.body ?? {});
    const receivedAt = body.receivedAt ?? new Date().toISOString();
    return { reading: previewReading(body.text, receivedAt, gazetteer(), deps.config.TIMEZONE) };
  });

  app.post('/api/incidents', { preHandler: operators }, async (req, reply) => {
    const user = staffOf(req);
    const report = parseBody(staffReportSchema, req.body ?? {});
    const raw = staffRawMessage(report, user, gazetteer());
    const outcome = await submitStaffReport(deps, raw);
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

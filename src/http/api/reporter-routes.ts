/**
 * Registered reporters (the RT heads' app, docs/app.md): admins register and switch them off; operators may read
 * the list (they see reporters' identities anyway); viewers may not (a name, number and RT is an identity).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { listReporters } from '../../db/repos/reporters';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { parseReporterInput } from '../../reporters/reporter-input';
import {
  endReporterSessions,
  liveReporterSessions,
  registerReporter,
  setReporterActivity,
} from '../../workspace/registered-reporters';
import { admins, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';

export const reporterPatchBody = z.object({ active: z.boolean() }).strict();

const notFound = () => new HttpError(404, 'not_found', 'pelapor tidak ditemukan');

export async function reporterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/reporters', { preHandler: operators }, async () => ({ items: await listReporters(deps.db) }));

  app.post('/api/reporters', { preHandler: admins }, async (req, reply) => {
    const parsed = parseReporterInput(
      (req.body ?? {}) as Record<string, unknown>,
      loadGazetteer(deps.config.REGION_CODE),
    );
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.error);
    const created = await registerReporter(deps.db, staffOf(req), parsed.reporter);
    if (!created) throw new HttpError(409, 'duplicate_phone', 'nomor HP ini sudah terdaftar');
    return reply.code(201).send(created);
  });

  app.patch<{ Params: { id: string } }>('/api/reporters/:id', { preHandler: admins }, async (req) => {
    const { active } = parseBody(reporterPatchBody, req.body, {
      message: 'yang bisa diubah: {"active": true|false}',
    });
    const updated = await setReporterActivity(deps.db, staffOf(req), req.params.id, active);
    if (!updated) throw notFound();
    return updated;
  });

  app.get<{ Params: { id: string } }>('/api/reporters/:id/sessions', { preHandler: admins }, async (req) => {
    const live = await liveReporterSessions(deps.db, req.params.id);
    if (live === null) throw notFound();
    return { live };
  });

  app.delete<{ Params: { id: string } }>('/api/reporters/:id/sessions', { preHandler: admins }, async (req) => {
    const revoked = await endReporterSessions(deps.db, staffOf(req), req.params.id);
    if (revoked === null) throw notFound();
    return { revoked };
  });
}

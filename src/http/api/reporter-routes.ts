/**
 * Registered reporters (the RT heads' app, docs/app.md): admins register and switch them off; operators may read
 * the list (they see reporters' identities anyway); viewers may not (a name, number and RT is an identity).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { countLiveAppSessions, revokeAppSessions } from '../../db/repos/app-sign-in';
import { writeAudit } from '../../db/repos/audit-log';
import { findReporterById, insertReporter, listReporters, setReporterActive } from '../../db/repos/reporters';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { parseReporterInput } from '../../reporters/reporter-input';
import { admins, operators, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';

const ID = /^[1-9]\d{0,17}$/;
const patchBody = z.object({ active: z.boolean() }).strict();

function reporterId(raw: string): string {
  if (!ID.test(raw)) throw new HttpError(400, 'bad_request', 'id pelapor harus angka');
  return raw;
}

export async function reporterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/reporters', { preHandler: operators }, async () => {
    const items = await listReporters(deps.db);
    return { items };
  });

  app.post('/api/reporters', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const parsed = parseReporterInput(
      (req.body ?? {}) as Record<string, unknown>,
      loadGazetteer(deps.config.REGION_CODE),
    );
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.error);
    const created = await deps.db.transaction().execute(async (trx) => {
      const r = await insertReporter(trx, parsed.reporter);
      if (r) await writeAudit(trx, { userId: user.id, action: 'reporter.create', details: { reporterId: r.id } });
      return r;
    });
    if (!created) throw new HttpError(409, 'duplicate_phone', 'nomor HP ini sudah terdaftar');
    return reply.code(201).send(created);
  });

  app.patch<{ Params: { id: string } }>('/api/reporters/:id', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    const id = reporterId(req.params.id);
    const parsed = patchBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'yang bisa diubah: {"active": true|false}');
    const updated = await deps.db.transaction().execute(async (trx) => {
      const r = await setReporterActive(trx, id, parsed.data.active);
      // Switched off: their app stops working at once, not when the session would have expired.
      const revoked = r && !parsed.data.active ? await revokeAppSessions(trx, id) : 0;
      if (r)
        await writeAudit(trx, {
          userId: user.id,
          action: 'reporter.update',
          details: { reporterId: id, active: parsed.data.active, sessionsRevoked: revoked },
        });
      return r;
    });
    if (!updated) throw new HttpError(404, 'not_found', 'pelapor tidak ditemukan');
    return updated;
  });

  app.get<{ Params: { id: string } }>('/api/reporters/:id/sessions', { preHandler: admins }, async (req) => {
    const id = reporterId(req.params.id);
    if (!(await findReporterById(deps.db, id))) throw new HttpError(404, 'not_found', 'pelapor tidak ditemukan');
    return { live: await countLiveAppSessions(deps.db, id) };
  });

  app.delete<{ Params: { id: string } }>('/api/reporters/:id/sessions', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    const id = reporterId(req.params.id);
    if (!(await findReporterById(deps.db, id))) throw new HttpError(404, 'not_found', 'pelapor tidak ditemukan');
    const revoked = await revokeAppSessions(deps.db, id);
    await writeAudit(deps.db, {
      userId: user.id,
      action: 'reporter.sessions_revoke',
      details: { reporterId: id, sessionsRevoked: revoked },
    });
    return { revoked };
  });
}

/** GET /api/audit: the audit log, newest first (admins); identities in its details masked as for any reader. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { identityMask, maskJson } from '../../auth/masking';
import { listAudit } from '../../db/repos/audit-entries';
import { admins, staffOf } from '../auth/staff-auth';
import { parsePage } from '../incident-filter-query';

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/audit', { preHandler: admins }, async (req) => {
    const audit = await listAudit(deps.db, parsePage(req.query as Record<string, unknown>));
    const mask = identityMask(staffOf(req).role);
    return { ...audit, items: audit.items.map((a) => ({ ...a, details: maskJson(a.details, mask) })) };
  });
}

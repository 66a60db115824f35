/** Directories: staff (for assignment), stakeholders (for forwarding), the duty roster. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { CATEGORIES } from '../../core/normalized-message';
import { writeAudit } from '../../db/repos/audit-log';
import { listDuty } from '../../db/repos/duty-roster';
import { insertStakeholder, listStakeholders } from '../../db/repos/stakeholders';
import { phoneInput } from '../../follow-up/phone-input';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { parseBody } from './parse-body';

export const stakeholderBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    agency: z.string().trim().max(200).default(''),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    phone: phoneInput().default(null),
    email: z.string().trim().email().nullable().default(null),
    categories: z.array(z.enum(CATEGORIES)).default([]),
    kecamatanCodes: z.array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/)).default([]),
  })
  .refine((s) => (s.channel === 'email' ? s.email : s.phone), 'kanal ini memerlukan alamatnya (telepon atau email)');

export async function directoryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/stakeholders', { preHandler: anyStaff }, async () => ({ items: await listStakeholders(deps.db) }));

  app.post('/api/stakeholders', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const body = parseBody(stakeholderBody, req.body);
    const created = await deps.db.transaction().execute(async (trx) => {
      const s = await insertStakeholder(trx, body);
      await writeAudit(trx, { userId: user.id, action: 'stakeholder.create', details: { stakeholderId: s.id } });
      return s;
    });
    return reply.code(201).send(created);
  });

  app.get('/api/duty', { preHandler: anyStaff }, async () => ({ items: await listDuty(deps.db) }));
}

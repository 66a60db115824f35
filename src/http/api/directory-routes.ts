/** Directories: staff (for assignment), stakeholders (for forwarding), the duty roster. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CATEGORIES } from '../../core/normalized-message';
import { writeAudit } from '../../db/repos/audit-log';
import { listDuty } from '../../db/repos/duty-roster';
import { insertStakeholder, listStakeholders } from '../../db/repos/stakeholders';
import type { AppDeps } from '../app-deps';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';

export const stakeholderBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    agency: z.string().trim().max(200).default(''),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    phone: z
      .string()
      .trim()
      .regex(/^\+\d{8,15}$/, 'expected E.164 (+62…)')
      .nullable()
      .default(null),
    email: z.string().trim().email().nullable().default(null),
    categories: z.array(z.enum(CATEGORIES)).default([]),
    kecamatanCodes: z.array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/)).default([]),
  })
  .refine((s) => (s.channel === 'email' ? s.email : s.phone), 'the channel needs its address (phone or email)');

export async function directoryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/stakeholders', { preHandler: anyStaff }, async () => ({ items: await listStakeholders(deps.db) }));

  app.post('/api/stakeholders', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const parsed = stakeholderBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'bad_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    const created = await deps.db.transaction().execute(async (trx) => {
      const s = await insertStakeholder(trx, parsed.data);
      await writeAudit(trx, { userId: user.id, action: 'stakeholder.create', details: { stakeholderId: s.id } });
      return s;
    });
    return reply.code(201).send(created);
  });

  app.get('/api/duty', { preHandler: anyStaff }, async () => ({ items: await listDuty(deps.db) }));
}

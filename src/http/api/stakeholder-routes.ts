/** Stakeholders incidents are forwarded to: everyone reads the directory, admins add and change them. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { CATEGORIES } from '../../core/normalized-message';
import { listStakeholders } from '../../db/repos/stakeholders';
import { phoneInput } from '../../follow-up/phone-input';
import { changeStakeholder, createStakeholder } from '../../workspace/stakeholder-directory';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';

const NO_ADDRESS = 'kanal ini memerlukan alamatnya (telepon atau email)';

const fields = {
  name: z.string().trim().min(1).max(200),
  agency: z.string().trim().max(200),
  channel: z.enum(['sms', 'whatsapp', 'email']),
  phone: phoneInput(),
  email: z.string().trim().email().nullable(),
  categories: z.array(z.enum(CATEGORIES)),
  kecamatanCodes: z.array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/)),
};

export const stakeholderBody = z
  .object({
    name: fields.name,
    agency: fields.agency.default(''),
    channel: fields.channel,
    phone: fields.phone.default(null),
    email: fields.email.default(null),
    categories: fields.categories.default([]),
    kecamatanCodes: fields.kecamatanCodes.default([]),
  })
  .refine((s) => (s.channel === 'email' ? s.email : s.phone), NO_ADDRESS);

export const stakeholderPatch = z
  .object({ ...fields, active: z.boolean() })
  .partial()
  .strict();

export async function stakeholderRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/stakeholders', { preHandler: anyStaff }, async () => ({ items: await listStakeholders(deps.db) }));

  app.post('/api/stakeholders', { preHandler: admins }, async (req, reply) => {
    const body = parseBody(stakeholderBody, req.body);
    return reply.code(201).send(await createStakeholder(deps.db, staffOf(req), body));
  });

  app.patch<{ Params: { id: string } }>('/api/stakeholders/:id', { preHandler: admins }, async (req) => {
    const body = parseBody(stakeholderPatch, req.body);
    const outcome = await changeStakeholder(deps.db, staffOf(req), req.params.id, body);
    if (outcome === 'not_found') throw new HttpError(404, 'not_found', 'Pemangku kepentingan tidak ditemukan.');
    if (outcome === 'no_address') throw new HttpError(400, 'bad_request', NO_ADDRESS);
    return outcome;
  });
}

/**
 * Webhook subscriptions (admins; docs/integrations.md): partners' URLs, the events they receive, the secret that
 * signs each delivery (shown once, on creation or when changed), whether they may see reporters' identities, and
 * each subscription's delivery log. Every change is audited.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { newSecret } from '../../auth/secret-tokens';
import { listDeliveries } from '../../db/repos/webhook-deliveries';
import { findSubscription, listSubscriptions } from '../../db/repos/webhook-subscriptions';
import { WEBHOOK_EVENTS } from '../../integrations/webhook-events';
import { changeSubscription, createSubscription, removeSubscription } from '../../workspace/webhook-subscriptions';
import { admins, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parsePage } from '../incident-filter-query';
import { parseBody } from '../request-input';

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url('alamat URL tidak valid')
  .refine((u) => /^https?:\/\//i.test(u), 'hanya http:// atau https://');

export const webhookCreateBody = z
  .object({
    name: z.string().trim().max(200).default(''),
    url: webhookUrl,
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pilih minimal satu peristiwa').max(WEBHOOK_EVENTS.length),
    /** Omitted: one is generated and shown once in the answer. */
    secret: z.string().min(16, 'rahasia minimal 16 karakter').max(200).optional(),
    trusted: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict();

export const webhookPatchBody = z
  .object({
    name: z.string().trim().max(200),
    url: webhookUrl,
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pilih minimal satu peristiwa').max(WEBHOOK_EVENTS.length),
    secret: z.string().min(16, 'rahasia minimal 16 karakter').max(200),
    trusted: z.boolean(),
    active: z.boolean(),
  })
  .partial()
  .strict();

export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const notFound = () => new HttpError(404, 'not_found', 'langganan webhook tidak ditemukan');

  app.get('/api/webhooks', { preHandler: admins }, async () => ({ items: await listSubscriptions(deps.db) }));

  app.post('/api/webhooks', { preHandler: admins }, async (req, reply) => {
    const body = parseBody(webhookCreateBody, req.body);
    const secret = body.secret ?? newSecret('whsec_');
    const created = await createSubscription(deps.db, staffOf(req), { ...body, secret });
    return reply.code(201).send({ ...created, secret });
  });

  app.patch<{ Params: { id: string } }>('/api/webhooks/:id', { preHandler: admins }, async (req) => {
    const change = parseBody(webhookPatchBody, req.body);
    const updated = await changeSubscription(deps.db, staffOf(req), req.params.id, change);
    if (!updated) throw notFound();
    return updated;
  });

  app.delete<{ Params: { id: string } }>('/api/webhooks/:id', { preHandler: admins }, async (req, reply) => {
    if (!(await removeSubscription(deps.db, staffOf(req), req.params.id))) throw notFound();
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/webhooks/:id/deliveries', { preHandler: admins }, async (req) => {
    const page = parsePage(req.query as Record<string, unknown>);
    if (!(await findSubscription(deps.db, req.params.id))) throw notFound();
    return listDeliveries(deps.db, req.params.id, page);
  });
}

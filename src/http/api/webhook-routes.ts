/**
 * Webhook subscriptions (admins; docs/integrations.md): partners' URLs, the events they receive, the secret that
 * signs each delivery (shown once, on creation or when changed), whether they may see reporters' identities, and
 * each subscription's delivery log. Every change is audited.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { newSecret } from '../../auth/secret-tokens';
import { writeAudit } from '../../db/repos/audit-log';
import { listDeliveries } from '../../db/repos/webhook-deliveries';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  updateSubscription,
} from '../../db/repos/webhook-subscriptions';
import { WEBHOOK_EVENTS } from '../../integrations/webhook-events';
import { admins, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parsePage } from './incident-filter-query';
import { parseId, parseRequestBody } from './request-parsing';

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
  app.get('/api/webhooks', { preHandler: admins }, async () => ({ items: await listSubscriptions(deps.db) }));

  app.post('/api/webhooks', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const body = parseRequestBody(webhookCreateBody, req.body);
    const secret = body.secret ?? newSecret('whsec_');
    const created = await deps.db.transaction().execute(async (trx) => {
      const s = await insertSubscription(trx, {
        name: body.name,
        url: body.url,
        secret,
        events: [...new Set(body.events)],
        trusted: body.trusted,
        createdBy: user.id,
      });
      const active = body.active ? s : await updateSubscription(trx, s.id, { active: false });
      await writeAudit(trx, {
        userId: user.id,
        action: 'webhook.create',
        details: { subscriptionId: s.id, events: s.events, trusted: s.trusted },
      });
      return active ?? s;
    });
    return reply.code(201).send({ ...created, secret });
  });

  app.patch<{ Params: { id: string } }>('/api/webhooks/:id', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    const id = parseId(req.params.id);
    const change = parseRequestBody(webhookPatchBody, req.body);
    if (change.events) change.events = [...new Set(change.events)];
    const updated = await deps.db.transaction().execute(async (trx) => {
      const s = await updateSubscription(trx, id, change);
      if (s) {
        await writeAudit(trx, {
          userId: user.id,
          action: 'webhook.change',
          details: { subscriptionId: id, fields: Object.keys(change), trusted: s.trusted },
        });
      }
      return s;
    });
    if (!updated) throw new HttpError(404, 'not_found', 'langganan webhook tidak ditemukan');
    return updated;
  });

  app.delete<{ Params: { id: string } }>('/api/webhooks/:id', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const id = parseId(req.params.id);
    if (!(await deleteSubscription(deps.db, id)))
      throw new HttpError(404, 'not_found', 'langganan webhook tidak ditemukan');
    await writeAudit(deps.db, { userId: user.id, action: 'webhook.delete', details: { subscriptionId: id } });
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/webhooks/:id/deliveries', { preHandler: admins }, async (req) => {
    const id = parseId(req.params.id);
    const page = parsePage(req.query as Record<string, unknown>);
    if (!(await findSubscription(deps.db, id)))
      throw new HttpError(404, 'not_found', 'langganan webhook tidak ditemukan');
    return listDeliveries(deps.db, id, page);
  });
}

/**
 * Open311 api keys (admins; docs/integrations.md): one per client system, shown once on creation (only its SHA-256
 * is kept), revocable. The key's name is the system's name and the source of the reports it posts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { listOpen311Keys } from '../../db/repos/open311-keys';
import { issueOpen311Key, withdrawOpen311Key } from '../../workspace/open311-client-keys';
import { admins, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';

export const open311KeyBody = z
  .object({ name: z.string().trim().min(1, 'nama sistem wajib diisi').max(200, 'paling banyak 200 karakter') })
  .strict();

export async function open311KeyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/open311/keys', { preHandler: admins }, async () => ({ items: await listOpen311Keys(deps.db) }));

  app.post('/api/open311/keys', { preHandler: admins }, async (req, reply) => {
    const { name } = parseBody(open311KeyBody, req.body);
    return reply.code(201).send(await issueOpen311Key(deps.db, staffOf(req), name));
  });

  app.delete<{ Params: { id: string } }>('/api/open311/keys/:id', { preHandler: admins }, async (req, reply) => {
    if (!(await withdrawOpen311Key(deps.db, staffOf(req), req.params.id)))
      throw new HttpError(404, 'not_found', 'kunci tidak ditemukan atau sudah dicabut');
    return reply.code(204).send();
  });
}

/**
 * Open311 api keys (admins; docs/integrations.md): one per client system, shown once on creation (only its SHA-256
 * is kept), revocable. The key's name is the system's name and the source of the reports it posts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { hashSecret, newSecret } from '../../auth/secret-tokens';
import { writeAudit } from '../../db/repos/audit-log';
import { insertOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../db/repos/open311-keys';
import { admins, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseId, parseRequestBody } from './request-parsing';

export const open311KeyBody = z
  .object({ name: z.string().trim().min(1, 'nama sistem wajib diisi').max(200, 'paling banyak 200 karakter') })
  .strict();

export async function open311KeyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/open311/keys', { preHandler: admins }, async () => ({ items: await listOpen311Keys(deps.db) }));

  app.post('/api/open311/keys', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const { name } = parseRequestBody(open311KeyBody, req.body);
    const apiKey = newSecret('o311_');
    const id = await deps.db.transaction().execute(async (trx) => {
      const keyId = await insertOpen311Key(trx, { name, keyHash: hashSecret(apiKey), createdBy: user.id });
      await writeAudit(trx, { userId: user.id, action: 'open311_key.create', details: { keyId, name } });
      return keyId;
    });
    return reply.code(201).send({ id, name, apiKey });
  });

  app.delete<{ Params: { id: string } }>('/api/open311/keys/:id', { preHandler: admins }, async (req, reply) => {
    const user = staffOf(req);
    const id = parseId(req.params.id);
    if (!(await revokeOpen311Key(deps.db, id)))
      throw new HttpError(404, 'not_found', 'kunci tidak ditemukan atau sudah dicabut');
    await writeAudit(deps.db, { userId: user.id, action: 'open311_key.revoke', details: { keyId: id } });
    return reply.code(204).send();
  });
}

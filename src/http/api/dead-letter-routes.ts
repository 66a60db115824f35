/** Jobs that failed for good on any queue, and their retry (admins; docs/architecture.md rule 6). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { identityMask } from '../../auth/masking';
import { listDeadLetters, retryDeadLetterAs } from '../../workspace/dead-letters';
import { admins, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';

export async function deadLetterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/dead-letters', { preHandler: admins }, async (req) => ({
    items: await listDeadLetters(deps.queues, identityMask(staffOf(req).role)),
  }));

  app.post<{ Params: { id: string } }>(
    '/api/dead-letters/:id/retry',
    { preHandler: admins, config: { numericId: false } },
    async (req) => {
      const outcome = await retryDeadLetterAs(deps, staffOf(req), req.params.id);
      if (outcome === 'missing') throw new HttpError(404, 'not_found', 'Pekerjaan gagal tidak ditemukan.');
      if (outcome === 'not_failed') throw new HttpError(409, 'not_failed', 'Pekerjaan itu tidak dalam keadaan gagal.');
      return { id: req.params.id, retried: true };
    },
  );
}

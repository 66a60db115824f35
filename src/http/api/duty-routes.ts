/**
 * The on-duty roster (docs/follow-up.md): everyone reads it and who is on duty now; admins add, change and take
 * people off, and set dated exceptions (a day off, other hours).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { listDuty } from '../../db/repos/duty-roster';
import { parseDutyInput } from '../../follow-up/duty-input';
import { isLocalDate } from '../../follow-up/local-time';
import { onDutyAt } from '../../follow-up/on-duty';
import {
  addToRoster,
  changeRosterEntry,
  removeRosterException,
  setRosterException,
  takeOffRoster,
} from '../../workspace/duty-roster-changes';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';

const clock = z
  .string()
  .regex(/^\d{2}:\d{2}$/)
  .nullish();

export const exceptionBody = z
  .object({ onDuty: z.boolean(), from: clock, to: clock, note: z.string().max(200).nullish() })
  .strict();

/** PATCH takes any field of POST /api/duty (checked together with the stored ones), plus the roster's own two. */
export const dutyPatchBody = z
  .looseObject({ active: z.boolean().optional(), position: z.number().int().optional() })
  .describe('kolom apa pun dari POST /api/duty, ditambah active dan position');

const notOnRoster = () => new HttpError(404, 'not_found', 'Petugas siaga tidak ditemukan.');
const noException = () => new HttpError(404, 'not_found', 'Pengecualian jadwal tidak ditemukan.');

export async function dutyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/duty', { preHandler: anyStaff }, async () => ({ items: await listDuty(deps.db) }));

  app.get('/api/duty/now', { preHandler: anyStaff }, async () => {
    const roster = await listDuty(deps.db, { activeOnly: true });
    return { at: new Date().toISOString(), items: onDutyAt(roster, new Date(), deps.config.TIMEZONE) };
  });

  app.post('/api/duty', { preHandler: admins }, async (req, reply) => {
    const parsed = parseDutyInput(req.body ?? {});
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.error);
    return reply.code(201).send(await addToRoster(deps.db, staffOf(req), parsed.entry));
  });

  app.patch<{ Params: { id: string } }>('/api/duty/:id', { preHandler: admins }, async (req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const extra = parseBody(dutyPatchBody, body);
    const outcome = await changeRosterEntry(deps.db, staffOf(req), req.params.id, body, extra);
    if ('entry' in outcome) return outcome.entry;
    if (outcome.refused === 'not_found') throw notOnRoster();
    throw new HttpError(400, 'bad_request', outcome.error);
  });

  app.delete<{ Params: { id: string } }>('/api/duty/:id', { preHandler: admins }, async (req) => {
    if (!(await takeOffRoster(deps.db, staffOf(req), req.params.id))) throw notOnRoster();
    return { id: req.params.id, active: false };
  });

  app.put<{ Params: { id: string; date: string } }>(
    '/api/duty/:id/exceptions/:date',
    { preHandler: admins },
    async (req) => {
      if (!isLocalDate(req.params.date))
        throw new HttpError(400, 'bad_request', 'date: harus tanggal YYYY-MM-DD yang ada');
      const body = parseBody(exceptionBody, req.body);
      const exception = {
        date: req.params.date,
        onDuty: body.onDuty,
        from: body.onDuty ? (body.from ?? null) : null,
        to: body.onDuty ? (body.to ?? null) : null,
      };
      if ((exception.from === null) !== (exception.to === null))
        throw new HttpError(400, 'bad_request', 'from dan to: isi kedua jam atau kosongkan keduanya');
      if (!(await setRosterException(deps.db, staffOf(req), req.params.id, exception, body.note ?? '')))
        throw notOnRoster();
      return exception;
    },
  );

  app.delete<{ Params: { id: string; date: string } }>(
    '/api/duty/:id/exceptions/:date',
    { preHandler: admins },
    async (req) => {
      if (!isLocalDate(req.params.date)) throw noException();
      if (!(await removeRosterException(deps.db, staffOf(req), req.params.id, req.params.date))) throw noException();
      return { deleted: true };
    },
  );
}

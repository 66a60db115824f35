/**
 * Staff accounts and API tokens (admins). Each change is audited by src/workspace/staff-access.ts; disabling an
 * account ends its sessions and tokens at once.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy';
import { listApiTokens } from '../../db/repos/api-tokens';
import { listUsers, STAFF_ROLES, type StaffRole } from '../../db/repos/users';
import { changeStaffUser, createApiToken, createStaffUser, revokeToken } from '../../workspace/staff-access';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parseBody } from '../request-input';
import { accessRefusal, actorOf } from './access-refusals';

const role = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { message: 'peran harus admin, operator atau viewer' });
const name = z.string().trim().max(200, 'nama paling banyak 200 karakter');

export const newUserBody = z.strictObject({
  email: z.string().trim().toLowerCase().email('email tidak sah').max(320),
  name: name.min(1, 'nama wajib diisi'),
  role,
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const userChangeBody = z
  .strictObject({ role: role.optional(), name: name.optional(), disabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'kirim role, name atau disabled');

export const newTokenBody = z.strictObject({
  userId: z.string().regex(/^\d{1,18}$/, 'userId harus nomor pengguna'),
  name: name.default(''),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expiresOn harus tanggal YYYY-MM-DD')
    .nullable()
    .default(null),
});

/** The end of the day `date` in UTC+8 (WITA), strictly a calendar date that exists and lies in the future. */
function expiryOf(date: string | null): Date | null {
  if (!date) return null;
  const at = new Date(`${date}T23:59:59+08:00`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== date) {
    throw new HttpError(400, 'bad_request', 'expiresOn: tanggal tidak ada di kalender');
  }
  if (at.getTime() <= Date.now()) throw new HttpError(400, 'bad_request', 'expiresOn: tanggal harus di masa depan');
  return at;
}

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Admins manage accounts; everyone else sees who is on staff (for assignment), without e-mail addresses.
  app.get('/api/users', { preHandler: anyStaff }, async (req) => {
    const users = await listUsers(deps.db);
    if (staffOf(req).role === 'admin') return { items: users };
    return { items: users.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name, role: u.role })) };
  });

  app.post('/api/users', { preHandler: admins }, async (req, reply) => {
    const body = parseBody(newUserBody, req.body);
    const user = await createStaffUser(deps.db, actorOf(req), body).catch(accessRefusal);
    return reply.code(201).send({ ...user, disabled: false });
  });

  app.patch<{ Params: { id: string } }>('/api/users/:id', { preHandler: admins }, async (req) => {
    const change = parseBody(userChangeBody, req.body);
    return changeStaffUser(deps.db, actorOf(req), req.params.id, change).catch(accessRefusal);
  });

  app.get('/api/tokens', { preHandler: admins }, async () => ({ items: await listApiTokens(deps.db) }));

  app.post('/api/tokens', { preHandler: admins }, async (req, reply) => {
    const body = parseBody(newTokenBody, req.body);
    const expiresAt = expiryOf(body.expiresOn);
    const created = await createApiToken(deps.db, actorOf(req), { ...body, expiresAt }).catch(accessRefusal);
    // The only time the token is shown: it is stored as a hash.
    return reply.code(201).send({ ...created, expiresAt: expiresAt?.toISOString() ?? null });
  });

  app.delete<{ Params: { id: string } }>('/api/tokens/:id', { preHandler: admins }, async (req, reply) => {
    if (!(await revokeToken(deps.db, actorOf(req), req.params.id))) {
      throw new HttpError(404, 'not_found', 'Token tidak ditemukan atau sudah dicabut.');
    }
    return reply.code(204).send();
  });
}

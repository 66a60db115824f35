/**
 * People and access: accounts and API tokens (admins), and every user's own password. Each change is audited by
 * src/workspace/staff-access.ts; disabling an account ends its sessions and tokens at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { HashBusyError, inHashSlot } from '../../auth/hash-slots';
import { verifyPassword } from '../../auth/password-hash';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy';
import { hashSecret } from '../../auth/secret-tokens';
import { listApiTokens } from '../../db/repos/api-tokens';
import { findUserById, listUsers, STAFF_ROLES, type StaffRole } from '../../db/repos/users';
import {
  AccessError,
  type Actor,
  changeStaffUser,
  createApiToken,
  createStaffUser,
  revokeToken,
  setStaffPassword,
} from '../../workspace/staff-access';
import { admins, anyStaff, sessionCookie, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import type { LoginThrottle } from './login-rate-limit';
import { parseBody, parseId } from './request-validation';

const role = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { message: 'peran harus admin, operator atau viewer' });
const name = z.string().trim().max(200, 'nama paling banyak 200 karakter');
const password = z.string().max(MAX_PASSWORD_LENGTH);

export const newUserBody = z.strictObject({
  email: z.string().trim().toLowerCase().email('email tidak sah').max(320),
  name: name.min(1, 'nama wajib diisi'),
  role,
  password,
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

const passwordChangeBody = z.strictObject({ currentPassword: password.min(1), newPassword: password });

/** HTTP status of each refusal of staff-access.ts. */
const ACCESS_STATUS: Record<AccessError['code'], number> = {
  exists: 409,
  not_found: 404,
  last_admin: 409,
  bad_password: 400,
  disabled: 409,
};

function asHttp(err: unknown): never {
  if (err instanceof AccessError) throw new HttpError(ACCESS_STATUS[err.code], err.code, err.message);
  if (err instanceof HashBusyError) {
    throw new HttpError(429, 'busy', 'Server sedang sibuk memeriksa kata sandi. Coba lagi sebentar lagi.');
  }
  throw err;
}

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

function actor(req: FastifyRequest): Actor {
  const staff = req.staff;
  return { userId: staff?.user.id ?? null, via: staff?.via === 'token' ? 'api' : 'web' };
}

export function accessRoutes(throttle: LoginThrottle) {
  return async (app: FastifyInstance, deps: AppDeps): Promise<void> => {
    // Admins manage accounts; everyone else sees who is on staff (for assignment), without e-mail addresses.
    app.get('/api/users', { preHandler: anyStaff }, async (req) => {
      const users = await listUsers(deps.db);
      if (staffOf(req).role === 'admin') return { items: users };
      return { items: users.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name, role: u.role })) };
    });

    app.post('/api/users', { preHandler: admins }, async (req, reply) => {
      const body = parseBody(newUserBody, req.body);
      const user = await createStaffUser(deps.db, actor(req), body).catch(asHttp);
      return reply.code(201).send({ ...user, disabled: false });
    });

    app.patch<{ Params: { id: string } }>('/api/users/:id', { preHandler: admins }, async (req) => {
      const id = parseId(req.params.id, 'id');
      const change = parseBody(userChangeBody, req.body ?? {});
      return changeStaffUser(deps.db, actor(req), id, change).catch(asHttp);
    });

    app.get('/api/tokens', { preHandler: admins }, async () => ({ items: await listApiTokens(deps.db) }));

    app.post('/api/tokens', { preHandler: admins }, async (req, reply) => {
      const body = parseBody(newTokenBody, req.body);
      const expiresAt = expiryOf(body.expiresOn);
      const created = await createApiToken(deps.db, actor(req), { ...body, expiresAt }).catch(asHttp);
      // The only time the token is shown: it is stored as a hash.
      return reply.code(201).send({ ...created, expiresAt: expiresAt?.toISOString() ?? null });
    });

    app.delete<{ Params: { id: string } }>('/api/tokens/:id', { preHandler: admins }, async (req, reply) => {
      const id = parseId(req.params.id, 'id');
      if (!(await revokeToken(deps.db, actor(req), id))) {
        throw new HttpError(404, 'not_found', 'Token tidak ditemukan atau sudah dicabut.');
      }
      return reply.code(204).send();
    });

    app.post('/api/session/password', { preHandler: anyStaff }, async (req) => {
      const user = staffOf(req);
      const body = parseBody(passwordChangeBody, req.body);
      // Guessing the current password here is a login attempt like any other: same throttle, same slots.
      const attempt = await throttle.begin(req.ip, user.email);
      const row = await findUserById(deps.db, user.id);
      const ok = await inHashSlot(() => verifyPassword(body.currentPassword, row?.password_hash ?? '')).catch(asHttp);
      if (!ok) throw new HttpError(400, 'wrong_password', 'Kata sandi saat ini salah.');
      await attempt.succeeded();
      const sid = req.cookies[sessionCookie(deps.config).name];
      const keep = req.staff?.via === 'session' && sid ? hashSecret(sid) : undefined;
      const { sessionsEnded } = await setStaffPassword(deps.db, actor(req), user.id, body.newPassword, keep).catch(
        asHttp,
      );
      return { changed: true, otherSessionsEnded: sessionsEnded };
    });
  };
}

/** What the routes of accounts, tokens and passwords share: who acts, and the status of each refusal. */
import type { FastifyRequest } from 'fastify';
import { HashBusyError } from '../../auth/hash-slots';
import { AccessError, type Actor } from '../../workspace/staff-access';
import { HttpError } from '../http-errors';

/** HTTP status of each refusal of src/workspace/staff-access.ts. */
const ACCESS_STATUS: Record<AccessError['code'], number> = {
  exists: 409,
  not_found: 404,
  last_admin: 409,
  bad_password: 400,
  disabled: 409,
};

/** A refused access change as an HTTP error; anything else is rethrown as it is. */
export function accessRefusal(err: unknown): never {
  if (err instanceof AccessError) throw new HttpError(ACCESS_STATUS[err.code], err.code, err.message);
  if (err instanceof HashBusyError) {
    throw new HttpError(429, 'busy', 'Server sedang sibuk memeriksa kata sandi. Coba lagi sebentar lagi.');
  }
  throw err;
}

/** The signed-in user making a change, and whether through the pages or with a token. */
export function actorOf(req: FastifyRequest): Actor {
  const staff = req.staff;
  return { userId: staff?.user.id ?? null, via: staff?.via === 'token' ? 'api' : 'web' };
}

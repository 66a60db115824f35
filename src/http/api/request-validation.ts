/** Strict request input shared by the routes: ids by format, bodies by schema; 400 with a message in Bahasa Indonesia. */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError } from '../http-errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route whose `:id` is not a database id (a dead letter's `<queue>:<job id>`) sets this to false. */
    numericId?: boolean;
  }
}

/** Database ids are positive integers of at most 18 digits (bigint); anything else is a 400, never a query. */
export function parseId(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || !/^[1-9]\d{0,17}$/.test(value)) {
    throw new HttpError(400, 'bad_id', `${field}: harus nomor (angka bulat positif)`);
  }
  return value;
}

/**
 * preValidation hook of the workspace: every `:id` in a path is a database id unless the route says otherwise, so
 * `/api/incidents/abc/merge` is a 400 before any handler or query runs, on the routes of today and of tomorrow.
 */
export async function checkIdParam(req: FastifyRequest): Promise<void> {
  const params = req.params as Record<string, unknown> | undefined;
  if (params && 'id' in params && req.routeOptions.config.numericId !== false) parseId(params.id);
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'bad_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'tidak sah'}`);
  }
  return parsed.data;
}

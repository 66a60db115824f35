/**
 * The one place where request input is checked, for the JSON API and the pages alike: ids by format, bodies and
 * query strings by zod schema. What fails is a 400 naming the field, in Bahasa Indonesia, never a 500.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from './http-errors';

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

// zod's own Indonesian messages ("Terlalu kecil: …"), chosen per parse so that the CLI and start-up keep theirs.
const indonesian = z.locales.id().localeError;

/** How a refusal reads: its code, and a fixed message where naming the field would say too little. */
export interface InputRefusal {
  code?: string;
  message?: string;
}

/**
 * A body (or query string) checked by `schema`; an absent body is an empty object. The first problem becomes a 400
 * naming its field, unless `refusal.message` says it otherwise.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, refusal: InputRefusal = {}): T {
  const parsed = schema.safeParse(body ?? {}, { error: indonesian });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const named = `${issue?.path.join('.') || 'isi permintaan'}: ${issue?.message ?? 'tidak sah'}`;
    throw new HttpError(400, refusal.code ?? 'bad_request', refusal.message ?? named);
  }
  return parsed.data;
}

/** HTTP errors carry a status and a code; 5xx bodies hide internals (docs/architecture.md style rule 11). */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../core/domain-error';
import type { Logger } from '../logger';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The status of each kind of refusal the layers below throw. */
const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** The status an error answers with: its own, its kind's, or 500 for anything unforeseen. */
export function errorStatus(err: Error & { statusCode?: number }): number {
  if (err instanceof DomainError) return DOMAIN_STATUS[err.kind];
  return err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
}

/** The code a program reads: ours as thrown, Fastify's lowercased, `fallback` for anything else. */
export function errorCode(err: Error & { code?: string }, fallback?: string): string {
  if (err instanceof HttpError || err instanceof DomainError) return err.code;
  return fallback ?? (err.code ?? 'bad_request').toLowerCase();
}

/** Fastify's own refusals (bad JSON, wrong content type, body too large), said in Bahasa Indonesia. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Isi permintaan bukan JSON yang sah.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Isi permintaan kosong, padahal jenisnya JSON.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Jenis isi permintaan tidak didukung; kirim JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Isi permintaan terlalu besar.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Panjang isi permintaan tidak sesuai.',
};

/** The message a person reads: ours are written in Bahasa Indonesia; anything else gets a plain Indonesian one. */
export function errorMessage(err: { code?: string; message: string }, status: number): string {
  if (status >= 500) return 'Terjadi kesalahan pada server. Coba lagi sebentar lagi.';
  if (err instanceof HttpError || err instanceof DomainError) return err.message;
  if (err.code && FASTIFY_MESSAGES[err.code]) return FASTIFY_MESSAGES[err.code]!;
  if (status === 404) return 'Tidak ditemukan.';
  if (status === 429) return 'Terlalu banyak permintaan. Coba lagi beberapa menit lagi.';
  return 'Permintaan tidak sah.';
}

export function httpErrorHandler(logger: Logger) {
  return (err: FastifyError | HttpError | DomainError, req: FastifyRequest, reply: FastifyReply) => {
    const status = errorStatus(err);
    if (status >= 500) {
      logger.error(
        { reqId: req.id, url: req.routeOptions.url, err: { message: err.message, code: err.code } },
        'request failed',
      );
      return reply.code(status).send({ error: { code: 'internal', message: errorMessage(err, status) } });
    }
    return reply.code(status).send({ error: { code: errorCode(err), message: errorMessage(err, status) } });
  };
}

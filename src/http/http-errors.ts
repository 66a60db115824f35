/** HTTP errors carry a status and a code; 5xx bodies hide internals (docs/architecture.md style rule 11). */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
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
  if (err instanceof HttpError) return err.message;
  if (err.code && FASTIFY_MESSAGES[err.code]) return FASTIFY_MESSAGES[err.code]!;
  if (status === 404) return 'Tidak ditemukan.';
  if (status === 429) return 'Terlalu banyak permintaan. Coba lagi beberapa menit lagi.';
  return 'Permintaan tidak sah.';
}

export function httpErrorHandler(logger: Logger) {
  return (err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      logger.error(
        { reqId: req.id, url: req.routeOptions.url, err: { message: err.message, code: err.code } },
        'request failed',
      );
      return reply.code(status).send({ error: { code: 'internal', message: errorMessage(err, status) } });
    }
    const code = err instanceof HttpError ? err.code : (err.code ?? 'bad_request').toLowerCase();
    return reply.code(status).send({ error: { code, message: errorMessage(err, status) } });
  };
}

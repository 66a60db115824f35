/** HTTP errors carry a status and a code; 5xx bodies hide internals (ARCHITECTURE.md style rule 11). */
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

export function httpErrorHandler(logger: Logger) {
  return (err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      logger.error(
        { reqId: req.id, url: req.routeOptions.url, err: { message: err.message, code: err.code } },
        'request failed',
      );
      return reply.code(status).send({ error: { code: 'internal', message: 'internal error' } });
    }
    const code = err instanceof HttpError ? err.code : (err.code ?? 'bad_request').toLowerCase();
    return reply.code(status).send({ error: { code, message: err.message } });
  };
}

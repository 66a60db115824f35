/**
 * The SMSSync protocol (docs/api.md): POST /webhooks/smssync receives an SMS; GET ?task=send hands the phone the
 * messages waiting for it; POST ?task=sent confirms the ones it sent. SMSSYNC_SECRET unset → 404 everywhere.
 * The phone keeps and re-sends whatever we did not answer with success, so success is answered only after the
 * message is queued in Redis.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { confirmGatewayMessages, leaseGatewayMessages } from '../../db/repos/gateway-outbox';
import { queueInbound } from '../queue-inbound';
import { rawMessageFromSmssyncForm, type SmssyncForm, SmssyncFormError } from './smssync-form';
import { secretMatches } from './smssync-secret';
import { SMSSYNC_TRANSPORT } from './smssync-transport';

/** How long a handed-out message waits for its task=sent before it is handed out again. */
export const GATEWAY_LEASE_SECONDS = 300;
/** Messages per poll: a phone sends about one SMS a second, and polls again soon. */
export const GATEWAY_BATCH = 20;

const failure = (reply: FastifyReply, status: number, error: string) =>
  reply.code(status).send({ payload: { success: false, error } });

type Query = { task?: string; secret?: string };

export async function smssyncRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const secret = deps.config.SMSSYNC_SECRET;
  const log = deps.logger.child({ component: 'smssync' });

  app.addHook('onResponse', async (_req, reply) => {
    deps.metrics.webhookRequests.inc({ provider: 'smssync', status: String(reply.statusCode) });
  });

  /** Unset secret: the endpoint does not exist. Wrong secret: 403 in SMSSync's own format. */
  const authorized = (req: FastifyRequest, reply: FastifyReply, given: unknown, optional = false): boolean => {
    if (!secret) {
      reply.callNotFound();
      return false;
    }
    if (optional && given === undefined) return true;
    if (secretMatches(secret, given)) return true;
    log.warn({ reqId: req.id }, 'smssync request refused: wrong secret (403)');
    failure(reply, 403, 'secret does not match');
    return false;
  };

  app.get<{ Querystring: Query }>('/webhooks/smssync', async (req, reply) => {
    if (!authorized(req, reply, req.query.secret)) return reply;
    if (req.query.task !== 'send') return failure(reply, 400, `unknown task ${String(req.query.task ?? '')}`.trim());
    const messages = await leaseGatewayMessages(deps.db, {
      transport: SMSSYNC_TRANSPORT,
      leaseSeconds: GATEWAY_LEASE_SECONDS,
      limit: GATEWAY_BATCH,
    });
    if (messages.length) log.info({ count: messages.length }, 'smssync: messages handed to the gateway');
    return { payload: { task: 'send', secret, messages } };
  });

  app.post<{ Querystring: Query }>('/webhooks/smssync', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.query.task === 'sent') {
      // SMSSync does not send its secret with task=sent; uuids are random v4 ids that only the phone was handed.
      // A secret that is sent (query or body) must still be right.
      if (!authorized(req, reply, req.query.secret ?? body.secret, true)) return reply;
      const queued = Array.isArray(body.queued_messages) ? body.queued_messages.map(String) : [];
      const confirmed = await confirmGatewayMessages(deps.db, SMSSYNC_TRANSPORT, queued);
      if (confirmed.length) deps.metrics.outboundStates.inc({ channel: 'sms', state: 'sent' }, confirmed.length);
      return { message_uuids: confirmed };
    }
    if (!authorized(req, reply, body.secret)) return reply;
    if (req.query.task) return failure(reply, 400, `unknown task ${req.query.task}`);
    let raw: ReturnType<typeof rawMessageFromSmssyncForm>;
    try {
      raw = rawMessageFromSmssyncForm(body as SmssyncForm, new Date());
    } catch (err) {
      if (!(err instanceof SmssyncFormError)) throw err;
      log.warn({ reqId: req.id, reason: err.message }, 'smssync: not a message (400)');
      return failure(reply, 400, err.message);
    }
    try {
      await queueInbound(deps, raw);
    } catch (err) {
      log.error(
        { reqId: req.id, messageId: raw.externalId, err: { message: (err as Error).message } },
        'smssync: message could not be queued; answering 503 so that the phone keeps it and sends it again',
      );
      return failure(reply, 503, 'message could not be queued, try again later');
    }
    return { payload: { success: true, error: null } };
  });
}

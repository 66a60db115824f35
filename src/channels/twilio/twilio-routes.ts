/**
 * POST /webhooks/twilio (inbound SMS, MMS, WhatsApp) and POST /webhooks/twilio/status (delivery callbacks).
 * Order of checks (docs/api.md): body over 64 KB → 413 (Fastify's body limit, before any handler); no token
 * configured → 503; no X-Twilio-Signature → 400; wrong signature or foreign AccountSid → 403, leaving nothing but
 * the answer and a log line. Twilio gets its 200 only after the raw message is in Redis; Redis away → 503 at once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { recordDeliveryStatus } from '../../db/repos/delivery-status';
import { queueInbound } from '../queue-inbound';
import { field, rawMessageFromTwilioForm, type TwilioForm, TwilioFormError } from './twilio-form';
import { checkTwilioSignature } from './twilio-signature';

export const EMPTY_TWIML = '<Response/>';

/** Runs the signature rule; answers and returns false when the request must go no further. */
function verify(deps: AppDeps, req: FastifyRequest, reply: FastifyReply): boolean {
  const form = (req.body ?? {}) as TwilioForm;
  const { TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, PUBLIC_URL } = deps.config;
  const check = checkTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL, {
    url: req.url,
    signature: req.headers['x-twilio-signature'],
    params: form,
  });
  const log = deps.logger.child({ component: 'twilio-webhook', reqId: req.id, route: req.routeOptions.url });
  if (check === 'unconfigured') {
    log.error('twilio webhook refused: TWILIO_AUTH_TOKEN is not set, so no request can be verified (503)');
    reply.code(503).send({ error: { code: 'twilio_not_configured', message: 'twilio is not configured' } });
    return false;
  }
  if (check === 'missing') {
    log.warn('twilio webhook refused: no X-Twilio-Signature header (400)');
    reply.code(400).send({ error: { code: 'signature_missing', message: 'x-twilio-signature header is required' } });
    return false;
  }
  if (check === 'invalid') {
    log.warn({ signedUrlBase: PUBLIC_URL }, 'twilio webhook refused: signature does not match PUBLIC_URL + path (403)');
    reply.code(403).send({ error: { code: 'signature_invalid', message: 'signature does not match' } });
    return false;
  }
  if (field(form, 'AccountSid') !== TWILIO_ACCOUNT_SID) {
    log.warn('twilio webhook refused: AccountSid is not TWILIO_ACCOUNT_SID (403)');
    reply.code(403).send({ error: { code: 'account_mismatch', message: 'account does not match' } });
    return false;
  }
  return true;
}

function twiml(reply: FastifyReply) {
  return reply.code(200).type('text/xml').send(EMPTY_TWIML);
}

/** The Twilio route module (a Fastify plugin receiving AppDeps). */
export async function twilioRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Counted for every answer of these routes, 413 included (the hook is encapsulated in this plugin).
  app.addHook('onResponse', async (_req, reply) => {
    deps.metrics.webhookRequests.inc({ provider: 'twilio', status: String(reply.statusCode) });
  });

  app.post('/webhooks/twilio', async (req, reply) => {
    if (!verify(deps, req, reply)) return reply;
    let raw: ReturnType<typeof rawMessageFromTwilioForm>;
    try {
      raw = rawMessageFromTwilioForm((req.body ?? {}) as TwilioForm, new Date());
    } catch (err) {
      if (!(err instanceof TwilioFormError)) throw err;
      deps.logger.warn({ reqId: req.id, reason: err.message }, 'twilio webhook: not a message (400)');
      return reply.code(400).send({ error: { code: err.code, message: err.message } });
    }
    try {
      await queueInbound(deps, raw);
    } catch (err) {
      deps.logger.error(
        { reqId: req.id, messageSid: raw.externalId, err: { message: (err as Error).message } },
        'twilio webhook: message could not be queued, answering 503 so that Twilio retries or uses the fallback URL',
      );
      return reply.code(503).send({ error: { code: 'queue_unavailable', message: 'message could not be queued' } });
    }
    return twiml(reply);
  });

  app.post('/webhooks/twilio/status', async (req, reply) => {
    if (!verify(deps, req, reply)) return reply;
    const form = (req.body ?? {}) as TwilioForm;
    const sid = field(form, 'MessageSid') ?? field(form, 'SmsSid');
    const status = (field(form, 'MessageStatus') ?? field(form, 'SmsStatus') ?? '').toLowerCase();
    if (!sid || !status) {
      return reply
        .code(400)
        .send({ error: { code: 'status_invalid', message: 'MessageSid and MessageStatus are required' } });
    }
    const changed = await recordDeliveryStatus(deps.db, {
      providerMessageId: sid,
      state: status,
      errorCode: field(form, 'ErrorCode'),
    });
    if (changed) deps.metrics.outboundStates.inc({ channel: changed.channel, state: status });
    return twiml(reply);
  });
}

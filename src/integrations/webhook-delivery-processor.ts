/**
 * The `webhooks` queue's processor: POSTs one delivery's stored body, signed, and records the attempt. 2xx:
 * delivered. 5xx, 408, 429, a timeout or a network error: retried with backoff, dead after the last attempt. Any
 * other answer (a 4xx: the receiver refuses it) is dead at once: sending the same bytes again cannot help.
 */
import type { Job } from 'bullmq';
import type { Db } from '../db/connection';
import { findDeliveryToSend, recordAttempt } from '../db/repos/webhook-deliveries';
import { signingSubscription } from '../db/repos/webhook-subscriptions';
import type { Logger } from '../logger';
import type { WebhookJobData } from './webhook-queue';
import { webhookSignature } from './webhook-signature';

export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  /** A receiver that does not answer within this is retried. */
  timeoutMs?: number;
  now?: () => Date;
}

export class RetryableDeliveryError extends Error {}

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export type DeliveryOutcome = 'delivered' | 'dead' | 'skipped';

export function createWebhookDeliveryProcessor(deps: DeliveryDeps) {
  return async (job: Job<WebhookJobData>): Promise<DeliveryOutcome> => {
    const delivery = await findDeliveryToSend(deps.db, job.data.deliveryId);
    if (delivery?.state !== 'pending') return 'skipped';
    const subscription = await signingSubscription(deps.db, delivery.subscriptionId);
    if (!subscription?.active) {
      await recordAttempt(deps.db, delivery.id, { state: 'dead', status: null, error: 'langganan dihapus/nonaktif' });
      return 'dead';
    }
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const timestamp = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'HaloKesbang-Webhooks/1',
          'x-halo-event': delivery.eventType,
          'x-halo-event-id': delivery.eventId,
          'x-halo-delivery': delivery.id,
          'x-halo-timestamp': String(timestamp),
          'x-halo-signature': webhookSignature(subscription.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (res.status >= 200 && res.status < 300) {
        await recordAttempt(deps.db, delivery.id, { state: 'delivered', status, error: null });
        return 'delivered';
      }
      error = `HTTP ${res.status}`;
      if (!retryable(res.status)) {
        await recordAttempt(deps.db, delivery.id, { state: 'dead', status, error });
        return 'dead';
      }
    } catch (err) {
      // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND…) in its cause.
      const e = err as Error & { cause?: { code?: string; message?: string } };
      error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.cause?.message ?? e.message).slice(0, 200);
    }
    await recordAttempt(deps.db, delivery.id, { state: finalAttempt ? 'dead' : 'pending', status, error });
    deps.logger.warn(
      { deliveryId: delivery.id, subscriptionId: subscription.id, attempt: job.attemptsMade + 1, error },
      'webhook delivery failed',
    );
    if (finalAttempt) return 'dead';
    throw new RetryableDeliveryError(error ?? 'failed');
  };
}

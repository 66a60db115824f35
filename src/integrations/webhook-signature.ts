/**
 * Webhook signatures: HMAC-SHA256 with the subscription's secret over `<timestamp>.<raw body>`, sent as
 * `X-Halo-Timestamp: <unix seconds>` and `X-Halo-Signature: sha256=<hex>`. The timestamp is signed so a receiver
 * can refuse a replayed delivery (docs/integrations.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; here for the docs' example and the tests. `toleranceSeconds` bounds a replay. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds || !headers.signature) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A partner's webhook receiver on loopback, written as docs/integrations.md tells partners to: it recomputes
 * HMAC-SHA256 over `<X-Halo-Timestamp>.<raw body>` with the shared secret, compares in constant time, refuses
 * timestamps more than five minutes away, and records what it accepted. Answers can be scripted per request.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  body: string;
  json: { id: string; type: string; incident: Record<string, unknown> & { reporter?: unknown } };
  signatureValid: boolean;
}

/** What to answer: a status, or hang longer than the sender waits. */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Accepted (2xx) deliveries with a valid signature. */
  accepted: () => Received[];
  /** The next answers, in order; afterwards 200. */
  script: Answer[];
  secret: string;
  close(): Promise<void>;
}

export function verify(secret: string, timestamp: string, signature: string, body: string): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export async function startReceiver(secret: string, options: { delayMs?: number } = {}): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const accepted = new Set<Received>();
  const script: Answer[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const signatureValid = verify(secret, headers['x-halo-timestamp'] ?? '', headers['x-halo-signature'] ?? '', body);
      const entry: Received = { headers, body, json: JSON.parse(body), signatureValid };
      received.push(entry);
      const answer = script.shift() ?? (signatureValid ? 200 : 401);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      setTimeout(() => {
        if (answer >= 200 && answer < 300) accepted.add(entry);
        res.writeHead(answer).end();
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/halo`,
    received,
    accepted: () => received.filter((r) => accepted.has(r)),
    script,
    secret,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

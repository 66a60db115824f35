/**
 * Checks X-Twilio-Signature with the twilio package (HMAC-SHA1 of URL + sorted parameters, constant-time compare)
 * against the URL Twilio was configured with: PUBLIC_URL plus the request's path and query string, never the Host
 * header, so that a TLS-terminating proxy or a forged Host changes nothing (docs/architecture.md style rule 8).
 */
import twilio from 'twilio';

export type SignatureCheck = 'valid' | 'missing' | 'invalid' | 'unconfigured';

export interface SignedRequest {
  /** The raw request target: path and query string exactly as received (Fastify's `req.url`). */
  url: string;
  signature: string | string[] | undefined;
  /** The parsed form body (repeated keys as arrays, as Twilio signs them). */
  params: Record<string, unknown>;
}

/** The URL Twilio signed: the public base URL (which may carry a path prefix) plus path and query string. */
export function signedUrl(publicUrl: string, requestUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${requestUrl}`;
}

export function checkTwilioSignature(
  authToken: string | undefined,
  publicUrl: string,
  req: SignedRequest,
): SignatureCheck {
  if (!authToken) return 'unconfigured';
  const signature = Array.isArray(req.signature) ? req.signature[0] : req.signature;
  if (!signature) return 'missing';
  const ok = twilio.validateRequest(authToken, signature, signedUrl(publicUrl, req.url), req.params);
  return ok ? 'valid' : 'invalid';
}

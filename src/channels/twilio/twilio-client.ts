/**
 * The official twilio client, pointed at TWILIO_API_URL. The SDK builds `https://api.twilio.com/…` (or a regional
 * host) for every request; its `httpClient` option lets us hand it a RequestClient that swaps that origin for
 * TWILIO_API_URL, keeping path and query: a loopback server in tests, or a Twilio-compatible provider.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions<T> = RequestClient.RequestOptions<T>;

const DEFAULT_API_URL = 'https://api.twilio.com';

/** Rewrites the scheme, host and port of the SDK's request URLs to `apiUrl` (which may carry a path prefix). */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: string;

  constructor(apiUrl: string, options: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
    super(options);
    this.base = apiUrl.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const url = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.base}${url.pathname}${url.search}` });
  }
}

export interface TwilioCredentials {
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_API_URL: string;
}

/** A client for the configured account, or null when the credentials are not set. */
export function createTwilioClient(config: TwilioCredentials): twilio.Twilio | null {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return null;
  // 15 s per request: the outbound job retries a timeout; the SDK's own 429 retry stays off (BullMQ backs off).
  const options = { timeout: 15000, keepAlive: true };
  const httpClient =
    config.TWILIO_API_URL.replace(/\/+$/, '') === DEFAULT_API_URL
      ? new twilio.RequestClient(options)
      : new RebasedRequestClient(config.TWILIO_API_URL, options);
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { httpClient });
}

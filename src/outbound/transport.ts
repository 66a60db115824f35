/** A way to deliver an outbound message: Twilio's REST API, the SMSSync phone, SMTP. Channels provide them. */

import type { DbOrTrx } from '../db/connection';
import type { OutboundMessageRow } from '../db/database';

export interface SendResult {
  /**
   * 'sent' (handed to the provider), 'queued_for_gateway' (the phone will fetch it), 'failed' (for good), 'read'
   * (already read where it was shown: an app reply opened in the app, sent nowhere else).
   */
  state: 'sent' | 'queued_for_gateway' | 'failed' | 'read';
  providerMessageId?: string | null;
  error?: string | null;
}

export interface Transport {
  name: string;
  /** Throw to retry (network, 5xx); return `failed` for errors that retrying cannot fix. */
  send(message: OutboundMessageRow, db: DbOrTrx): Promise<SendResult>;
}

export type TransportRegistry = Record<string, Transport>;

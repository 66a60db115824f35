/**
 * Transport 'smssync': the Android phone sends these messages itself. Sending = marking the row
 * `queued_for_gateway`; the phone fetches it on its next task=send poll and confirms it with task=sent.
 */
import type { Transport } from '../../outbound/transport';

export const SMSSYNC_TRANSPORT = 'smssync';

export function createSmssyncTransport(): Transport {
  return {
    name: SMSSYNC_TRANSPORT,
    async send(row) {
      return { state: 'queued_for_gateway', providerMessageId: row.gateway_uuid };
    },
  };
}

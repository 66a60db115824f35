/** The preparer for messages that arrive as text (SMS, WhatsApp): nothing to parse. */
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';

export async function prepareTextMessage(raw: RawMessage): Promise<PreparedMessage> {
  const text = raw.text ?? '';
  return {
    input: {
      channel: raw.channel,
      from: raw.from,
      subject: raw.subject ?? null,
      text,
      receivedAt: raw.receivedAt,
      profileName: raw.profileName ?? null,
      geo: raw.geo ?? null,
    },
    body: text,
    html: null,
    attachments: [],
  };
}

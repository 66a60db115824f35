/**
 * Job ids from the provider's own message identity (docs/architecture.md rule 2), so that a message queued twice
 * is one job. BullMQ refuses ids with ':' and bare integers: we replace the one and always prefix.
 */
import { createHash } from 'node:crypto';

function safe(part: string): string {
  // ':' separates BullMQ's own key parts; long or odd ids (Message-IDs) are hashed to stay short and printable.
  const cleaned = part.replace(/:/g, '_');
  if (cleaned.length <= 100 && /^[\w.@+=/-]+$/.test(cleaned)) return cleaned;
  return createHash('sha256').update(part).digest('hex').slice(0, 40);
}

/** Inbound job id for a message of a provider: `twilio-SM…`, `smssync-…`, `email-<hash>`. */
export function inboundJobId(channel: string, externalId: string): string {
  return `in-${channel}-${safe(externalId)}`;
}

/** Outbound job id: one job per outbound_messages row. */
export function outboundJobId(outboundMessageId: string | number): string {
  return `out-${outboundMessageId}`;
}

/**
 * Where the core meets the channels: each provider registers how its raw messages are made readable.
 * Adding a channel = a folder under channels/ and one line here (ARCHITECTURE.md style rule 2).
 */
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import { prepareTextMessage } from './text-preparer';

export type Preparer = (raw: RawMessage) => Promise<PreparedMessage>;

export interface PreparerRegistry {
  /** by provider ('twilio', 'smssync', 'imap', …), falling back to the channel ('email', 'sms', 'whatsapp'). */
  byProvider: Record<string, Preparer>;
  byChannel: Record<string, Preparer>;
}

export function createPreparerRegistry(extra: Partial<PreparerRegistry> = {}): PreparerRegistry {
  return {
    byProvider: { ...extra.byProvider },
    byChannel: { sms: prepareTextMessage, whatsapp: prepareTextMessage, ...extra.byChannel },
  };
}

export function preparerFor(registry: PreparerRegistry, raw: RawMessage): Preparer | undefined {
  return registry.byProvider[raw.provider] ?? registry.byChannel[raw.channel];
}

/**
 * Where the core meets the channels: each provider registers how its raw messages are made readable.
 * Adding a channel = a folder under channels/ and one line here (docs/architecture.md style rule 2).
 */
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import { prepareTextMessage } from './text-preparer';

/** What a preparer knows of the job it runs in: on the final attempt it records failures instead of throwing. */
export interface PrepareContext {
  /** true when a thrown error will not be retried (the job's last attempt, or no job at all). */
  finalAttempt: boolean;
}

export type Preparer = (raw: RawMessage, context?: PrepareContext) => Promise<PreparedMessage>;

export interface PreparerRegistry {
  /** by provider ('twilio', 'smssync', 'imap', …), falling back to the channel ('email', 'sms', 'whatsapp'). */
  byProvider: Record<string, Preparer>;
  byChannel: Record<string, Preparer>;
}

export function createPreparerRegistry(extra: Partial<PreparerRegistry> = {}): PreparerRegistry {
  return {
    byProvider: { ...extra.byProvider },
    byChannel: {
      sms: prepareTextMessage,
      whatsapp: prepareTextMessage,
      // Reports staff typed in are plain text too.
      phone: prepareTextMessage,
      walk_in: prepareTextMessage,
      ...extra.byChannel,
    },
  };
}

export function preparerFor(registry: PreparerRegistry, raw: RawMessage): Preparer | undefined {
  return registry.byProvider[raw.provider] ?? registry.byChannel[raw.channel];
}

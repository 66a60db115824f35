/**
 * The channels this process offers, assembled from the channel folders: how raw messages are read (preparers),
 * how replies leave (transports), their HTTP routes, and the mailbox ingesters.
 */
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { RouteModule } from '../http/app';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { TransportRegistry } from '../outbound/transport';
import type { Queues } from '../queues/queues';
import type { StatusBoard } from '../runtime/role-status';
import { createPreparerRegistry, type PreparerRegistry } from './registry';
import { smssyncRoutes } from './smssync/smssync-routes';
import { createSmssyncTransport } from './smssync/smssync-transport';
import { createTwilioPreparer } from './twilio/twilio-media-preparer';
import { twilioRoutes } from './twilio/twilio-routes';
import { createTwilioTransport } from './twilio/twilio-transport';

export interface ChannelDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  status: StatusBoard;
  queues: Queues;
}

export interface Channels {
  preparers: PreparerRegistry;
  transports: TransportRegistry;
  routes: RouteModule[];
  /** Starts the IMAP ingesters; resolves to their stop function, or null when email ingestion is idle. */
  startMailboxes(): Promise<(() => Promise<void>) | null>;
}

export function createChannels(deps: ChannelDeps): Channels {
  return {
    preparers: createPreparerRegistry({ byProvider: { twilio: createTwilioPreparer(deps) } }),
    transports: { twilio: createTwilioTransport(deps), smssync: createSmssyncTransport() },
    routes: [twilioRoutes, smssyncRoutes],
    async startMailboxes() {
      if (!deps.config.IMAP_HOST) {
        deps.logger.info('imap: IMAP_HOST is not set; email ingestion is idle');
        return null;
      }
      return null;
    },
  };
}

/**
 * The channels this process offers, assembled from the channel folders: how raw messages are read (preparers),
 * how replies leave (transports), their HTTP routes, and the mailbox ingesters.
 */

import type { RouteModule } from '../app-deps/route-module';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import type { TransportRegistry } from '../outbound/transport';
import { APP_PROVIDER } from '../reporters/app-report';
import { cachedSettings } from '../settings-cache';
import { createAppApiRoutes } from './app/app-api-routes';
import { createAppPreparer } from './app/app-preparer';
import { createAppReplyTransport } from './app/app-reply-transport';
import { appStaticRoutes } from './app/app-static-routes';
import type { ChannelDeps } from './channel-deps';
import { createEmailParsePool } from './email/email-parse-pool';
import { createEmailPreparer } from './email/pooled-email-preparer';
import { createSmtpTransport } from './email/smtp-transport';
import { startMailboxes } from './email/start-mailboxes';
import { createOpen311Preparer } from './open311/open311-preparer';
import { open311Routes } from './open311/open311-routes';
import { createPreparerRegistry, type PreparerRegistry } from './registry';
import { smssyncRoutes } from './smssync/smssync-routes';
import { createSmssyncTransport } from './smssync/smssync-transport';
import { createTwilioPreparer } from './twilio/twilio-media-preparer';
import { twilioRoutes } from './twilio/twilio-routes';
import { createTwilioTransport } from './twilio/twilio-transport';

export interface Channels {
  preparers: PreparerRegistry;
  transports: TransportRegistry;
  routes: RouteModule[];
  /** Starts the IMAP ingesters; resolves to their stop function, or null when email ingestion is idle. */
  startMailboxes(): Promise<(() => Promise<void>) | null>;
  /** Stops what the channels run in the background (the email parse threads). */
  close(): Promise<void>;
}

export function createChannels(deps: ChannelDeps): Channels {
  const parsePool = createEmailParsePool();
  // The attachment caps are asked for every mail: read through the settings cache, not the table each time (a
  // round trip per mail; an admin's change applies within the cache's 5 s).
  const settings = cachedSettings(deps.db);
  const emailPreparer = createEmailPreparer(
    async () => {
      const s = await settings();
      return { perFile: s.emailAttachmentMaxBytes, perMessage: s.emailAttachmentsMaxTotalBytes };
    },
    parsePool,
    { regionCode: deps.config.REGION_CODE, timezone: deps.config.TIMEZONE },
  );
  const smtp = createSmtpTransport(deps.config);
  if (!smtp && deps.config.SMTP_URL) deps.logger.warn('smtp: MAIL_FROM is not set; email replies will fail');
  const transports: TransportRegistry = {
    twilio: createTwilioTransport(deps),
    smssync: createSmssyncTransport(),
    ...(smtp ? { smtp } : {}),
  };
  transports[APP_PROVIDER] = createAppReplyTransport(() => transports);
  return {
    preparers: createPreparerRegistry({
      byProvider: {
        twilio: createTwilioPreparer(deps),
        [APP_PROVIDER]: createAppPreparer({
          db: deps.db,
          regionCode: deps.config.REGION_CODE,
          timezone: deps.config.TIMEZONE,
        }),
      },
      byChannel: {
        email: emailPreparer,
        open311: createOpen311Preparer({
          gazetteer: () => loadGazetteer(deps.config.REGION_CODE),
          timezone: deps.config.TIMEZONE,
        }),
      },
    }),
    transports,
    routes: [twilioRoutes, smssyncRoutes, appStaticRoutes, createAppApiRoutes(), open311Routes],
    startMailboxes: () => startMailboxes(deps),
    close: () => parsePool.close(),
  };
}

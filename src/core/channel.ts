/** The channels a message comes in by, and the ones a reply leaves by. */

export const CHANNELS = ['sms', 'whatsapp', 'email', 'phone', 'walk_in', 'app', 'open311'] as const;
/** Inbound channels: 'phone' and 'walk_in' are reports taken by staff, 'app' the RT heads' app, 'open311' partners. */
export type Channel = (typeof CHANNELS)[number];

/** What a reply leaves by. */
export type OutboundChannel = 'sms' | 'whatsapp' | 'email';

/** The channel an automatic answer to a message takes; null for channels answered otherwise (the app shows it). */
export function outboundChannelOf(channel: Channel): OutboundChannel | null {
  return channel === 'sms' || channel === 'whatsapp' || channel === 'email' ? channel : null;
}

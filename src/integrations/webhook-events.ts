/** The events a partner can subscribe to; the database triggers of sql/016 write them (docs/integrations.md). */
export const WEBHOOK_EVENTS = [
  'incident.created',
  'incident.updated',
  'incident.urgent',
  'incident.closed',
  'forward.answered',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

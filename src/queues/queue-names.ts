/** The BullMQ queues. Names never change once deployed: jobs in Redis refer to them. */
export const INBOUND_QUEUE = 'inbound';
export const OUTBOUND_QUEUE = 'outbound';
/** Escalation timers, the daily summary and the learning report (docs/follow-up.md). */
export const FOLLOW_UP_QUEUE = 'follow-up';
/** Deliveries of partners' webhooks (docs/integrations.md). */
export const WEBHOOK_QUEUE = 'webhooks';

/** Every queue, in the order the dead-letter view and the metrics list them. */
export const QUEUE_NAMES = [INBOUND_QUEUE, OUTBOUND_QUEUE, FOLLOW_UP_QUEUE, WEBHOOK_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

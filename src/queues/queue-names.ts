/** The BullMQ queues. Names never change once deployed: jobs in Redis refer to them. */
export const INBOUND_QUEUE = 'inbound';
export const OUTBOUND_QUEUE = 'outbound';
export type QueueName = typeof INBOUND_QUEUE | typeof OUTBOUND_QUEUE;

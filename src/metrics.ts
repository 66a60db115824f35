/** Prometheus metrics (prom-client). Names are documented in docs/operations.md. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'halo_' });
  return {
    registry,
    inboundMessages: new Counter({
      name: 'halo_inbound_messages_total',
      help: 'Inbound messages processed, by channel and kind (report, status_query, noise, auto_reply, unreadable, duplicate)',
      labelNames: ['channel', 'kind'] as const,
      registers: [registry],
    }),
    webhookRequests: new Counter({
      name: 'halo_webhook_requests_total',
      help: 'Webhook requests by provider and HTTP status',
      labelNames: ['provider', 'status'] as const,
      registers: [registry],
    }),
    processingSeconds: new Histogram({
      name: 'halo_processing_seconds',
      help: 'Time from a message being received to its incident being committed',
      labelNames: ['channel'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    jobFailures: new Counter({
      name: 'halo_job_failures_total',
      help: 'Job attempts that failed, by queue (a failure that will be retried counts too)',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'halo_queue_jobs',
      help: 'Jobs in a queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    queueOldestAge: new Gauge({
      name: 'halo_queue_oldest_waiting_seconds',
      help: 'Age of the oldest waiting job',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    outboundStates: new Counter({
      name: 'halo_outbound_messages_total',
      help: 'Outbound message state changes by channel and state',
      labelNames: ['channel', 'state'] as const,
      registers: [registry],
    }),
    mailboxLastSync: new Gauge({
      name: 'halo_mailbox_last_sync_timestamp_seconds',
      help: 'When a mailbox was last synchronised',
      labelNames: ['mailbox'] as const,
      registers: [registry],
    }),
    mailboxBacklog: new Gauge({
      name: 'halo_mailbox_backlog',
      help: 'Messages in a mailbox not yet fetched',
      labelNames: ['mailbox'] as const,
      registers: [registry],
    }),
    mailboxMoved: new Counter({
      name: 'halo_mailbox_moved_total',
      help: 'Processed messages moved out of a mailbox to IMAP_PROCESSED_FOLDER',
      labelNames: ['mailbox'] as const,
      registers: [registry],
    }),
    mailboxUp: new Gauge({
      name: 'halo_mailbox_connected',
      help: '1 when the IMAP connection of a mailbox is up',
      labelNames: ['mailbox'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

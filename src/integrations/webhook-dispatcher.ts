/**
 * Drains the integration event outbox (sql/016) into webhook deliveries: in one transaction it locks the oldest
 * undispatched events, writes one delivery row per matching active subscription (with the exact body to sign) and
 * marks the events dispatched; after the commit it queues the deliveries. A crash between the commit and the queue
 * leaves the rows pending: the sweep queues pending deliveries again (job ids dedupe). Ingestion never waits for any
 * of this: the events are rows written by the incident's own transaction.
 */
import type { Db } from '../db/connection';
import { findIncidentViews, toIncident } from '../db/repos/incidents';
import { lockUndispatchedEvents, markEventsDispatched } from '../db/repos/integration-events';
import { insertDeliveries, pendingDeliveryIds } from '../db/repos/webhook-deliveries';
import { activeSubscriptions } from '../db/repos/webhook-subscriptions';
import type { Logger } from '../logger';
import { webhookBody } from './webhook-payload';
import type { WebhookQueue } from './webhook-queue';

export interface DispatcherDeps {
  db: Db;
  webhooks: Pick<WebhookQueue, 'add'>;
  logger: Logger;
}

const BATCH = 200;

/** One round: returns how many events it dispatched. */
export async function dispatchEvents(deps: DispatcherDeps): Promise<number> {
  const { count, deliveryIds } = await deps.db.transaction().execute(async (trx) => {
    const events = await lockUndispatchedEvents(trx, BATCH);
    if (events.length === 0) return { count: 0, deliveryIds: [] as string[] };
    const subscriptions = await activeSubscriptions(trx);
    const wanted = events.filter((e) => subscriptions.some((s) => s.events.includes(e.type)));
    const incidentIds = [...new Set(wanted.map((e) => e.incidentId))];
    const incidents = new Map((await findIncidentViews(trx, incidentIds)).map((r) => [r.id, toIncident(r)]));
    const rows = wanted.flatMap((event) => {
      const incident = incidents.get(event.incidentId);
      if (!incident) return [];
      return subscriptions
        .filter((s) => s.events.includes(event.type))
        .map((s) => ({
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.type,
          body: webhookBody(event, incident, s.trusted),
        }));
    });
    const ids = await insertDeliveries(trx, rows);
    await markEventsDispatched(
      trx,
      events.map((e) => e.id),
    );
    return { count: events.length, deliveryIds: ids };
  });
  await queueDeliveries(deps, deliveryIds);
  return count;
}

async function queueDeliveries(deps: DispatcherDeps, ids: string[]): Promise<void> {
  for (const id of ids) {
    await deps.webhooks.add(id).catch((err: Error) => {
      // The sweep queues it once Redis answers again.
      deps.logger.warn({ deliveryId: id, err: { message: err.message } }, 'webhook delivery not queued yet');
    });
  }
}

/**
 * Runs the dispatcher every `intervalMs` (and again at once while there is a backlog), and every `sweepMs` queues
 * deliveries still pending after that long.
 */
export function startWebhookDispatcher(deps: DispatcherDeps, options: { intervalMs?: number; sweepMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  const sweepMs = options.sweepMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastSweep = Date.now();
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      while (!stopped && (await dispatchEvents(deps)) === BATCH) {}
      if (!stopped && Date.now() - lastSweep >= sweepMs) {
        lastSweep = Date.now();
        await queueDeliveries(deps, await pendingDeliveryIds(deps.db, sweepMs));
      }
    } catch (err) {
      deps.logger.warn({ err: { message: (err as Error).message } }, 'webhook dispatch failed; retrying');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

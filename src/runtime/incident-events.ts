/**
 * "An incident was created or changed": published on Redis so that the API role of any process (the live list's
 * event stream) hears what a normalize worker in another process did. Carries only the id, never content.
 */
import { EventEmitter } from 'node:events';
import type { IncidentEvents } from '../app-deps/incident-events';
import type { RedisClient } from '../queues/redis-connections';

export function createIncidentEvents(publisher: RedisClient, subscriber: RedisClient, prefix: string): IncidentEvents {
  const channel = `${prefix}:incident-events`;
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let subscribing = false;
  subscriber.on('message', (ch: string, id: string) => {
    if (ch === channel) local.emit('incident', id);
  });
  return {
    publish(incidentIds) {
      // A lost notification only delays the live list until the next reload: never fail a job for it.
      if (typeof incidentIds === 'string') {
        publisher.publish(channel, incidentIds).catch(() => {});
        return;
      }
      if (incidentIds.length === 0) return;
      const pipeline = publisher.pipeline();
      for (const id of incidentIds) pipeline.publish(channel, id);
      pipeline.exec().catch(() => {});
    },
    subscribe(listener) {
      if (!subscribing) {
        subscribing = true;
        subscriber.subscribe(channel).catch(() => {
          subscribing = false;
        });
      }
      local.on('incident', listener);
      return () => local.off('incident', listener);
    },
    async close() {
      local.removeAllListeners();
      await subscriber.quit().catch(() => {});
    },
  };
}

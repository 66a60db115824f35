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
    publish(incidentId) {
      // A lost notification only delays the live list until the next reload: never fail a job for it.
      publisher.publish(channel, incidentId).catch(() => {});
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

/** What the HTTP app needs from the process; routes take it instead of reaching for globals. */
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Queues } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';
import type { IncidentEvents } from './incident-events';
import type { StatusBoard } from './status-board';

export interface AppDeps {
  config: Config;
  db: Db;
  /** The producer connection: fails fast when Redis is away. */
  redis: RedisClient;
  queues: Queues;
  metrics: Metrics;
  logger: Logger;
  status: StatusBoard;
  events: IncidentEvents;
}

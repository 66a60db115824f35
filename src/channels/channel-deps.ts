/** What the channels need from the process: the channel folders take it, channels.ts hands it to them. */
import type { StatusBoard } from '../app-deps/status-board';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Queues } from '../queues/queues';

export interface ChannelDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  status: StatusBoard;
  queues: Queues;
}

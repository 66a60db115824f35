/**
 * The real normalize worker (`workers/normalize.ts`) as a child process, for fault tests that kill it: SIGKILL as a
 * crash would, SIGTERM as an orchestrator would. Its stderr (the JSON log) is kept for the log checks.
 */
import { type SpawnedService, spawnService } from './spawn-service';
import { waitFor } from './wait-for';

export interface WorkerEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  /** Set: the worker connects to this Redis Cluster (REDIS_URL then lends only credentials). */
  REDIS_CLUSTER_NODES?: string;
  /** Roles other than normalize need other entries; this helper runs the normalize role only. */
  LOG_LEVEL?: string;
}

export interface WorkerProcess extends SpawnedService {
  /** Resolves once the worker logged that it started (its BullMQ worker is connected and taking jobs). */
  ready(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  terminate(): Promise<number | null>;
  alive(): boolean;
}

export function spawnWorker(env: WorkerEnv): WorkerProcess {
  const s = spawnService({ LOG_LEVEL: 'info', ...env }, 'workers/normalize.ts');
  let exited = false;
  void s.exited.then(() => {
    exited = true;
  });
  return {
    ...s,
    async ready() {
      await waitFor(
        () => {
          if (exited) throw new Error(`worker exited during start-up: ${s.stderr().slice(-2000)}`);
          return s.stderr().includes('"msg":"halo kesbang started"');
        },
        { timeoutMs: 60000, intervalMs: 100, what: 'worker start-up' },
      );
    },
    async kill() {
      if (!exited) s.child.kill('SIGKILL');
      await s.exited;
    },
    async terminate() {
      if (!exited) s.child.kill('SIGTERM');
      return s.exited;
    },
    alive: () => !exited,
  };
}

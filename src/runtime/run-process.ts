/** The life of a service process: config, start the roles, shut down gracefully on SIGINT/SIGTERM. */
import { loadConfig, type Role } from '../config';
import { createLogger } from '../logger';
import { startService } from './service';
import { describeStartupError } from './startup-errors';

/** Shutdown must finish within this; after it the process exits anyway (jobs left active are retried elsewhere). */
const SHUTDOWN_TIMEOUT_MS = 10000;

export async function runProcess(roles?: Role[]): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${describeStartupError(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService(config, logger, { roles });
  } catch (err) {
    process.stderr.write(`${describeStartupError(err)}\n`);
    process.exit(1);
  }
  logger.info({ roles: roles ?? config.HALO_ROLES, address: service.address }, 'halo kesbang started');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    service.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err: { message: (err as Error).message } }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Turns start-up failures into the one clear line an operator needs, never a stack trace. */
import { type Config, ConfigError } from '../config';

/** The URL without its password, for messages. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '****';
    return url.toString();
  } catch {
    return '(invalid URL)';
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return reason(err.errors[0]);
  // ioredis Cluster: "Failed to refresh slots cache." alone does not say why; the last node's answer does.
  const lastNodeError = (err as { lastNodeError?: unknown }).lastNodeError;
  if (lastNodeError) return `${(err as Error).message} ${reason(lastNodeError)}`;
  const e = err as { code?: string; message?: string };
  return e.code
    ? `${e.code}${e.message && !e.message.includes(e.code) ? ` (${e.message})` : ''}`
    : (e.message ?? String(err));
}

export class StartupError extends Error {}

export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof StartupError) return err.message;
  return `halo: start-up failed: ${reason(err)}`;
}

export function databaseError(url: string, err: unknown): StartupError {
  return new StartupError(`database: cannot use DATABASE_URL ${redactUrl(url)}: ${reason(err)}`);
}

/** Names the setting that points at Redis: the cluster's nodes when REDIS_CLUSTER_NODES is set, else REDIS_URL. */
export function redisError(config: Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>, err: unknown): StartupError {
  const nodes = config.REDIS_CLUSTER_NODES?.map((n) => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`);
  const where = nodes ? `REDIS_CLUSTER_NODES ${nodes.join(',')}` : `REDIS_URL ${redactUrl(config.REDIS_URL)}`;
  return new StartupError(`redis: cannot use ${where}: ${reason(err)}`);
}

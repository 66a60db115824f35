/**
 * How long to wait before reconnecting after the n-th failure in a row: exponential, capped, with jitter, so that
 * several mailboxes (or several processes) do not hammer a recovering server in step.
 */
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 1000, maxMs: 5 * 60_000 };

/** Between half and all of min·2^attempt, at most max. */
export function reconnectDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

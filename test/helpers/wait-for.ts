/** Polls until a condition holds: tests wait for outcomes, never for fixed sleeps. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 15000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Waits for work whose pace is the machine's load (many messages through a queue): fails only when `state()` has
 * stopped changing for `stallMs`, never after a fixed total, since a test checks that the work gets done, not how
 * fast (that is `npm run bench`'s job).
 */
export async function waitWhileProgressing<S>(
  state: () => Promise<S>,
  done: (state: S) => boolean,
  { stallMs = 30000, intervalMs = 100, what = 'condition' } = {},
): Promise<S> {
  let last = '';
  let movedAt = Date.now();
  for (;;) {
    const now = await state();
    if (done(now)) return now;
    const seen = JSON.stringify(now);
    if (seen !== last) {
      last = seen;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`no progress for ${stallMs} ms waiting for ${what}: still ${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

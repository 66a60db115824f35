/**
 * Settings for hot paths: the normalize worker handles every message with the current settings, and reading the
 * settings table for each one costs a PostgreSQL round trip per message (measured by bench/end-to-end.ts). An
 * admin's change reaches the workers within `ttlMs` instead — in every process, as no invalidation is needed.
 */
import type { DbOrTrx } from './db/connection';
import { loadSettings, type Settings } from './settings';

/** The service's refresh interval: a settings change applies to new messages within 5 seconds. */
export const SETTINGS_TTL_MS = 5000;

/** A reader that loads the settings at most once per `ttlMs` (concurrent callers share one load). */
export function cachedSettings(
  db: DbOrTrx,
  ttlMs = SETTINGS_TTL_MS,
  clock: () => number = Date.now,
): () => Promise<Settings> {
  let current: { at: number; value: Promise<Settings> } | null = null;
  return () => {
    const now = clock();
    if (!current || now - current.at >= ttlMs) {
      const value = loadSettings(db);
      current = { at: now, value };
      // A failed read is not kept: the next message tries again.
      value.catch(() => {
        if (current?.value === value) current = null;
      });
    }
    return current.value;
  };
}

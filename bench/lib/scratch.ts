/**
 * Scratch resources of one workload run: its own PostgreSQL database (migrated) and its own BullMQ prefix on the
 * local Redis, both removed by drop(), so workloads never see each other's rows or jobs.
 */
import { randomBytes } from 'node:crypto';
import { createDb, type Db, ensureDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { databaseUrl, dropDatabase } from '../../test/helpers/test-database';
import { clearPrefix, REDIS_URL } from '../../test/helpers/test-redis';

export { REDIS_URL };

export interface Scratch {
  dbUrl: string;
  prefix: string;
  /** Opens (and migrates) the database; pool size as asked. */
  openDb(max?: number): Promise<Db>;
  drop(): Promise<void>;
}

export function scratch(label: string): Scratch {
  const id = randomBytes(4).toString('hex');
  const dbUrl = databaseUrl(`halo_bench_${label.replace(/\W/g, '_')}_${id}`);
  const prefix = `{halo-bench-${label}-${id}}`;
  const opened: Db[] = [];
  return {
    dbUrl,
    prefix,
    async openDb(max = 10) {
      await ensureDatabase(dbUrl);
      const db = createDb(dbUrl, { max });
      opened.push(db);
      await migrateToLatest(db);
      return db;
    },
    async drop() {
      for (const db of opened) await db.destroy().catch(() => {});
      await dropDatabase(dbUrl).catch(() => {});
      await clearPrefix(prefix).catch(() => {});
    },
  };
}

/** Drops the scratch resources when the process is interrupted (Ctrl-C, the runner's timeout). */
export function dropOnSignal(s: { drop(): Promise<void> }): void {
  const handler = () => {
    void s.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

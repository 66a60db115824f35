/** `halo migrate`: create the database when missing, apply pending migrations, exit. */
import { loadConfig } from '../config';
import { createDb, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { databaseError } from '../runtime/startup-errors';

export async function run(): Promise<number> {
  const config = loadConfig();
  try {
    const created = await ensureDatabase(config.DATABASE_URL);
    const db = createDb(config.DATABASE_URL, { max: 1, applicationName: 'halo-migrate' });
    try {
      const applied = await migrateToLatest(db);
      if (created) process.stderr.write('migrate: database created\n');
      process.stderr.write(applied.length ? `migrate: applied ${applied.join(', ')}\n` : 'migrate: up to date\n');
    } finally {
      await db.destroy();
    }
  } catch (err) {
    throw databaseError(config.DATABASE_URL, err);
  }
  return 0;
}

/** A database connection for CLI commands: config from the environment, migrations applied first. */
import { loadConfig } from '../config';
import { createDb, type Db, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';

export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 2, applicationName: 'halo-cli' });
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** All of stdin as text (a password piped in, or typed and ended with Ctrl-D). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Applies the plain SQL files of sql/ in order, through Kysely's Migrator. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Db } from './connection';

/** The project root: the nearest folder with package.json (src/db in development, dist/src/db when built). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

export const SQL_DIR = path.join(projectRoot(__dirname), 'sql');

/** One migration per `NNN_name.sql` file; each file runs as one statement batch inside Kysely's transaction. */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir = SQL_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export class MigrationError extends Error {}

/** Applies pending migrations; returns the names applied. */
export async function migrateToLatest(db: Db, dir = SQL_DIR): Promise<string[]> {
  // Branches add numbered migrations in parallel: one that lands after a higher number was applied still runs.
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(dir), allowUnorderedMigrations: true });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

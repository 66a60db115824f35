/**
 * Each test file gets its own PostgreSQL database, migrated from sql/, and drops it afterwards, so files run in
 * parallel without seeing each other's rows. The server is the one in TEST_DATABASE_URL (default: local trust auth).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db, ensureDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export function databaseUrl(name: string, server = SERVER_URL): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `halo_${label.replace(/\W/g, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const url = databaseUrl(name);
  await ensureDatabase(url);
  const db = createDb(url, { max: 5 });
  await migrateToLatest(db);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}

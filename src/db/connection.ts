/** The Kysely instance over a pg pool, and creation of the database itself when it is missing. */
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database';

export type Db = Kysely<Database>;
/** Repositories take either: `db` or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

// timestamptz → Date is pg's default; bigint (int8) stays a string so ids never lose precision.

export function createDb(databaseUrl: string, options: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'halo-kesbang',
    connectionTimeoutMillis: 5000,
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => {});
  // A client checked out by a transaction has no pool listener: if the server ends it between two queries (a
  // restart, `pg_ctl stop`), it emits 'error' and, unheard, that kills the process. The transaction's next query
  // fails instead (the job is retried) and the pool discards the client on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates the database named in the URL when it does not exist, connecting to the `postgres` maintenance db. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('config: DATABASE_URL must name a database');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`create database ${pg.escapeIdentifier(name)}`);
    } catch (err) {
      // Another process created it between our check and our create.
      if ((err as { code?: string }).code !== '42P04') throw err;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Throws unless PostgreSQL answers a query (start-up, /readyz). */
export async function pingDatabase(db: DbOrTrx): Promise<void> {
  await sql`select 1`.execute(db);
}

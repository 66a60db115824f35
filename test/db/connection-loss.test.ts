/**
 * Regression: a worker process crashed when PostgreSQL closed a connection that a transaction had checked out
 * between two of its queries (a restart, a failover, `pg_ctl stop`): pg's Client emitted 'error' with nobody
 * listening ("Unhandled 'error' event … terminating connection due to administrator command", code 57P01), which
 * killed the process instead of failing the job for a retry. Found by test/reliability/postgres-outage.test.ts.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('connloss');
});
afterAll(() => t.drop());

async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

test('a connection closed by the server inside a transaction fails that transaction, not the process', async () => {
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);
  process.on('uncaughtException', onCrash);
  try {
    const failed = t.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      // The client is checked out and idle (no query running) when the server ends it.
      await terminate(rows[0]!.pid);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`select 1`.execute(trx);
    });
    await expect(failed).rejects.toThrow();
    // The pool drops the dead client and the next query gets a fresh connection.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(t.db);
    expect(rows).toEqual([{ one: 1 }]);
  } finally {
    process.off('uncaughtException', onCrash);
  }
  expect(crashes).toEqual([]);
});

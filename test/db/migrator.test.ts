import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrator';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('migrator');
});
afterAll(() => t.drop());

test('the schema is in place and migrating again applies nothing', async () => {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public'`.execute(t.db);
  const names = tables.rows.map((r) => r.table_name);
  for (const table of [
    'raw_messages',
    'contacts',
    'incidents',
    'incident_messages',
    'attachments',
    'users',
    'audit_log',
    'mailbox_state',
    'outbound_messages',
    'settings',
  ]) {
    expect(names).toContain(table);
  }
  expect(await migrateToLatest(t.db)).toEqual([]);
});

test('raw messages are unique on channel and external id', async () => {
  const row = {
    channel: 'sms' as const,
    provider: 'smssync',
    external_id: 'm-1',
    received_at: new Date(),
    payload: '{}',
  };
  await t.db.insertInto('raw_messages').values(row).execute();
  await expect(t.db.insertInto('raw_messages').values(row).execute()).rejects.toThrow(/duplicate key/);
  await t.db
    .insertInto('raw_messages')
    .values({ ...row, channel: 'whatsapp' })
    .execute();
});

/** settings: admin-tuned values; code holds the defaults (src/settings-defaults.ts), a row overrides one. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export async function readSettings(db: DbOrTrx): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(db: DbOrTrx, key: string, value: unknown, userId: string | null): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_by: userId })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: sql`now()` }),
    )
    .execute();
}

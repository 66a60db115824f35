/** The incidents the daily summary lists: received in a span, and overdue. Merged duplicates are left out. */
import type { DbOrTrx } from '../connection';
import { OPEN_STATUSES } from './incidents';

const SUMMARY_COLUMNS = [
  'id',
  'reference',
  'title',
  'category',
  'priority',
  'status',
  'kelurahan',
  'kecamatan',
  'due_at',
] as const;

/** Incidents received in [from, until), oldest first. */
export async function incidentsReceivedBetween(db: DbOrTrx, from: Date, until: Date) {
  return db
    .selectFrom('incidents')
    .select(SUMMARY_COLUMNS)
    .where('received_at', '>=', from)
    .where('received_at', '<', until)
    .where('duplicate_of', 'is', null)
    .orderBy('received_at')
    .execute();
}

/** Open incidents past their target at `now`, the most overdue first. */
export async function overdueIncidents(db: DbOrTrx, now: Date, limit: number) {
  return db
    .selectFrom('incidents')
    .select(SUMMARY_COLUMNS)
    .where('due_at', '<', now)
    .where('status', 'in', OPEN_STATUSES)
    .where('duplicate_of', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

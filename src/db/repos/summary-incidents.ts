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

const summaryRows = (db: DbOrTrx) =>
  db.selectFrom('incidents').select(SUMMARY_COLUMNS).where('duplicate_of', 'is', null);

/** Incidents received in [from, until), oldest first. */
export async function incidentsReceivedBetween(db: DbOrTrx, from: Date, until: Date) {
  return summaryRows(db)
    .where('received_at', '>=', from)
    .where('received_at', '<', until)
    .orderBy('received_at')
    .execute();
}

/** Open incidents past their target at `now`, the most overdue first. */
export async function overdueIncidents(db: DbOrTrx, now: Date, limit: number) {
  return summaryRows(db)
    .where('due_at', '<', now)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

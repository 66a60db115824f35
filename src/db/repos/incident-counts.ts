/**
 * Counts of incidents received in a span of local days (in TIMEZONE), duplicates left out: by a column and per day
 * (every day of the span, empty ones as zero). Shared by the dashboard and the situation report.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export interface DaySpan {
  /** First and last local day, "YYYY-MM-DD", inclusive. */
  from: string;
  to: string;
  timezone: string;
}

/** Incidents received within the span (local midnight of `from` to the end of `to`). */
export function receivedIn(db: DbOrTrx, span: DaySpan) {
  return db
    .selectFrom('incidents')
    .where(
      sql<boolean>`(received_at at time zone ${span.timezone})::date between ${span.from}::date and ${span.to}::date`,
    )
    .where('duplicate_of', 'is', null);
}

export async function countBy(
  db: DbOrTrx,
  span: DaySpan,
  column: 'category' | 'kecamatan' | 'channel' | 'status' | 'priority',
): Promise<{ key: string | null; count: number }[]> {
  const rows = await receivedIn(db, span)
    .select([`${column} as key`, (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(column)
    .orderBy('count', 'desc')
    .orderBy(column)
    .execute();
  return rows.map((r) => ({ key: r.key as string | null, count: Number(r.count) }));
}

/** One entry per local day of the span, oldest first, zero-filled. */
export async function dailyCounts(db: DbOrTrx, span: DaySpan): Promise<{ day: string; count: number }[]> {
  const rows = await sql<{ day: string; count: string }>`
    select to_char(d, 'YYYY-MM-DD') as day, count(i.id) as count
      from generate_series(${span.from}::date, ${span.to}::date, interval '1 day') d
      left join incidents i
        on (i.received_at at time zone ${span.timezone})::date = d::date and i.duplicate_of is null
     group by d order by d`.execute(db);
  return rows.rows.map((r) => ({ day: r.day, count: Number(r.count) }));
}

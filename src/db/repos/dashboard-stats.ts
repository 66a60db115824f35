/** The dashboard's figures: counts by category and kecamatan, a daily trend, open urgent incidents, response time. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import { countBy, type DaySpan, dailyCounts } from './incident-counts';
import { OPEN_STATUSES } from './incidents';

export interface DashboardStats {
  days: number;
  total: number;
  byCategory: { key: string | null; count: number }[];
  byKecamatan: { key: string | null; count: number }[];
  /** Phone and walk-in reports (taken by staff) next to the providers' channels. */
  byChannel: { key: string | null; count: number }[];
  /** One entry per local calendar day, oldest first, zero-filled. */
  daily: { day: string; count: number }[];
  openUrgent: { id: string; reference: string; title: string; receivedAt: string; status: string }[];
  /** Median minutes from receipt to the first staff reply to the reporter (null when nothing was answered). */
  medianFirstResponseMinutes: number | null;
  answered: number;
}

/** `span`: the last `days` local days, today included (every day in the trend, the same span for every count). */
export async function dashboardStats(db: DbOrTrx, opts: { days: number; span: DaySpan }): Promise<DashboardStats> {
  const span = opts.span;
  const since = sql<Date>`now() - make_interval(days => ${opts.days})`;
  const [byCategory, byKecamatan, byChannel, daily, openUrgent, response] = await Promise.all([
    countBy(db, span, 'category'),
    countBy(db, span, 'kecamatan'),
    countBy(db, span, 'channel'),
    dailyCounts(db, span),
    db
      .selectFrom('incidents')
      .select(['id', 'reference', 'title', 'received_at', 'status'])
      .where('priority', '=', 'urgent')
      .where('status', 'in', OPEN_STATUSES)
      .where('duplicate_of', 'is', null)
      .orderBy('received_at', 'desc')
      .limit(20)
      .execute(),
    sql<{ median: number | null; answered: string }>`
      select percentile_cont(0.5) within group (order by extract(epoch from r.first_at - i.received_at) / 60) as median,
             count(*) as answered
        from incidents i
        join lateral (select min(o.created_at) as first_at from outbound_messages o
                       where o.incident_id = i.id and o.purpose = 'reply') r on r.first_at is not null
       where i.received_at >= ${since}`.execute(db),
  ]);
  return {
    days: opts.days,
    total: byCategory.reduce((n, r) => n + r.count, 0),
    byCategory,
    byKecamatan,
    byChannel,
    daily,
    openUrgent: openUrgent.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      receivedAt: r.received_at.toISOString(),
      status: r.status,
    })),
    medianFirstResponseMinutes: response.rows[0]?.median == null ? null : Number(response.rows[0].median),
    answered: Number(response.rows[0]?.answered ?? 0),
  };
}

/**
 * The figures of the situation report ("Laporan Situasi") for a span of local days: totals by status, category and
 * kecamatan, the daily trend, the urgent incidents with their outcome, response targets met and notable reports.
 */
import type { DbOrTrx } from '../connection';
import { deadlineShareIn, type MonthShare } from './deadline-stats';
import { countBy, type DaySpan, dailyCounts, receivedIn } from './incident-counts';

export interface SituationIncident {
  id: string;
  reference: string;
  title: string;
  status: string;
  priority: string;
  category: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  receivedAt: string;
  resolvedAt: string | null;
  messageCount: number;
}

export interface SituationStats {
  span: DaySpan;
  total: number;
  byStatus: { key: string | null; count: number }[];
  byPriority: { key: string | null; count: number }[];
  byCategory: { key: string | null; count: number }[];
  byKecamatan: { key: string | null; count: number }[];
  daily: { day: string; count: number }[];
  urgent: SituationIncident[];
  /** High priority, or reported by several messages: what the head of office should know about besides the urgent. */
  notable: SituationIncident[];
  deadlines: Omit<MonthShare, 'month'>;
}

const FIELDS = [
  'id',
  'reference',
  'title',
  'status',
  'priority',
  'category',
  'kelurahan',
  'kecamatan',
  'received_at',
  'resolved_at',
  'message_count',
] as const;

export async function situationStats(db: DbOrTrx, span: DaySpan): Promise<SituationStats> {
  const [byStatus, byPriority, byCategory, byKecamatan, daily, urgent, notable, deadlines] = await Promise.all([
    countBy(db, span, 'status'),
    countBy(db, span, 'priority'),
    countBy(db, span, 'category'),
    countBy(db, span, 'kecamatan'),
    dailyCounts(db, span),
    receivedIn(db, span).select(FIELDS).where('priority', '=', 'urgent').orderBy('received_at').limit(100).execute(),
    receivedIn(db, span)
      .select(FIELDS)
      .where('priority', '<>', 'urgent')
      .where((eb) => eb.or([eb('priority', '=', 'high'), eb('message_count', '>=', 3)]))
      .orderBy('message_count', 'desc')
      .orderBy('received_at', 'desc')
      .limit(10)
      .execute(),
    deadlineShareIn(db, span),
  ]);
  const incident = (r: (typeof urgent)[number]): SituationIncident => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    status: r.status,
    priority: r.priority,
    category: r.category,
    kelurahan: r.kelurahan,
    kecamatan: r.kecamatan,
    receivedAt: r.received_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    messageCount: r.message_count,
  });
  return {
    span,
    total: byStatus.reduce((n, r) => n + r.count, 0),
    byStatus,
    byPriority,
    byCategory,
    byKecamatan,
    daily,
    urgent: urgent.map(incident),
    notable: notable.map(incident),
    deadlines,
  };
}

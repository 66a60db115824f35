/** The daily summary's IO: gathers the rows, builds the text (daily-summary.ts) and writes one outbox row per recipient. */
import type { DbOrTrx } from '../db/connection';
import { OPEN_STATUSES } from '../db/repos/incidents';
import { insertOutbound } from '../db/repos/outbound-messages';
import type { Settings } from '../settings';
import { buildDailySummary, type SummaryIncident } from './daily-summary';
import { localClock } from './local-time';

const COLUMNS = [
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

function toSummary(r: Omit<SummaryIncident, 'dueAt'> & { due_at: Date | null }): SummaryIncident {
  return { ...r, dueAt: r.due_at };
}

/** Writes today's summary rows (once per day and recipient); returns the new outbox ids to queue. */
export async function writeDailySummary(
  db: DbOrTrx,
  ctx: { settings: Settings; timezone: string; publicUrl: string; now: Date },
): Promise<string[]> {
  const recipients = ctx.settings.dailySummaryRecipients.filter((r) => typeof r === 'string' && r.includes('@'));
  const clock = localClock(ctx.now, ctx.timezone);
  if (recipients.length === 0 || clock.minute < ctx.settings.dailySummaryHour * 60) return [];
  const since = new Date(ctx.now.getTime() - 24 * 3600 * 1000);
  const [fresh, overdue] = await Promise.all([
    db
      .selectFrom('incidents')
      .select(COLUMNS)
      .where('received_at', '>=', since)
      .where('received_at', '<', ctx.now)
      .where('duplicate_of', 'is', null)
      .orderBy('received_at')
      .execute(),
    db
      .selectFrom('incidents')
      .select(COLUMNS)
      .where('due_at', '<', ctx.now)
      .where('status', 'in', OPEN_STATUSES)
      .where('duplicate_of', 'is', null)
      .orderBy('due_at')
      .limit(200)
      .execute(),
  ]);
  const summary = buildDailySummary({
    date: clock.date,
    newIncidents: fresh.map(toSummary),
    overdue: overdue.map(toSummary),
    publicUrl: ctx.publicUrl,
    now: ctx.now,
  });
  const ids: string[] = [];
  for (const to of recipients) {
    const id = await insertOutbound(db, {
      dedupe_key: `summary:${clock.date}:${to.toLowerCase()}`,
      purpose: 'summary',
      channel: 'email',
      transport: 'smtp',
      to_address: to,
      subject: summary.subject,
      body: summary.body,
    });
    if (id) ids.push(id);
  }
  return ids;
}

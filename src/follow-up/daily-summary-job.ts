/** The daily summary's IO: gathers the rows, builds the text (daily-summary.ts) and writes one outbox row per recipient. */
import type { DbOrTrx } from '../db/connection';
import { insertOutbound } from '../db/repos/outbound-messages';
import { incidentsReceivedBetween, overdueIncidents } from '../db/repos/summary-incidents';
import type { Settings } from '../settings';
import { buildDailySummary, type SummaryIncident } from './daily-summary';
import { localClock } from './local-time';

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
    incidentsReceivedBetween(db, since, ctx.now),
    overdueIncidents(db, ctx.now, 200),
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

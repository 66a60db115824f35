/**
 * The dashboard's share of response targets met per month (of receipt, in TIMEZONE): a target counts as met when
 * its milestone came before its deadline, as missed when it came later or the deadline passed without it; targets
 * still running are left out.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { DaySpan } from './incident-counts';

interface ShareRow {
  verify_met: string;
  verify_total: string;
  answer_met: string;
  answer_total: string;
  resolve_met: string;
  resolve_total: string;
}

const COUNTED = sql`verify_due_at is not null and duplicate_of is null and status <> 'rejected'`;
const SHARES = sql`count(*) filter (where verified_at <= verify_due_at) as verify_met,
           count(*) filter (where verified_at is not null or verify_due_at < now()) as verify_total,
           count(*) filter (where answered_at <= answer_due_at) as answer_met,
           count(*) filter (where answered_at is not null or answer_due_at < now()) as answer_total,
           count(*) filter (where resolved_at <= resolve_due_at) as resolve_met,
           count(*) filter (where resolved_at is not null or (resolve_due_at < now() and status <> 'rejected')) as resolve_total`;

function shares(r: ShareRow): Omit<MonthShare, 'month'> {
  return {
    verify: { met: Number(r.verify_met), total: Number(r.verify_total) },
    answer: { met: Number(r.answer_met), total: Number(r.answer_total) },
    resolve: { met: Number(r.resolve_met), total: Number(r.resolve_total) },
  };
}

export interface MonthShare {
  month: string;
  verify: { met: number; total: number };
  answer: { met: number; total: number };
  resolve: { met: number; total: number };
}

export async function deadlineShareByMonth(
  db: DbOrTrx,
  opts: { months: number; timezone: string },
): Promise<MonthShare[]> {
  const rows = await sql<ShareRow & { month: string }>`
    select to_char(received_at at time zone ${opts.timezone}, 'YYYY-MM') as month, ${SHARES}
      from incidents
     where ${COUNTED}
       and received_at >= date_trunc('month', now() at time zone ${opts.timezone})
                          - make_interval(months => ${opts.months - 1})
     group by 1 order by 1`.execute(db);
  return rows.rows.map((r) => ({ month: r.month, ...shares(r) }));
}

/** The same shares for the incidents received in a span of local days (the situation report). */
export async function deadlineShareIn(db: DbOrTrx, span: DaySpan): Promise<Omit<MonthShare, 'month'>> {
  const rows = await sql<ShareRow>`
    select ${SHARES} from incidents
     where ${COUNTED}
       and (received_at at time zone ${span.timezone})::date between ${span.from}::date and ${span.to}::date`.execute(
    db,
  );
  return shares(rows.rows[0]!);
}

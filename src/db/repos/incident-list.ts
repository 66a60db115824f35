/**
 * The staff list: filters, full text (PostgreSQL's `indonesian` configuration) and keyset paging, newest first
 * (received_at desc, id desc). The cursor is the id of the last row shown: the next page starts below that row's
 * (received_at, id), which stays exact whatever precision the timestamps have.
 */
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { Database } from '../database';
import { type IncidentView, incidentViewQuery } from './incidents';

/** A bound on received_at: an instant, or a calendar date in the office's time zone. */
export type TimeBound = { kind: 'instant'; at: Date } | { kind: 'date'; date: string };

export interface IncidentFilter {
  status?: string[];
  category?: string[];
  /** Kemendagri codes or names (any spelling case). */
  kecamatan?: string[];
  channel?: string[];
  priority?: string[];
  q?: string;
  /** An operator's search for a reporter: incidents of the contact with this E.164 phone or e-mail (or q's words). */
  reporter?: { phone: string } | { email: string };
  since?: TimeBound;
  until?: TimeBound;
  /** Response deadlines: 'overdue' (due_at passed), 'due' (a target still to meet), 'met' (nothing left due). */
  due?: 'overdue' | 'due' | 'met';
}

export interface ListPage {
  rows: IncidentView[];
  nextCursor: string | null;
}

type Eb = ExpressionBuilder<Database, 'incidents'>;

/** The where-clause of a filter; `timezone` gives date-only bounds their meaning (whole days in local time). */
export function filterCondition(eb: Eb, f: IncidentFilter, timezone: string) {
  const parts = [];
  const list = <C extends 'status' | 'category' | 'channel' | 'priority'>(column: C, values?: string[]) => {
    if (values?.length) parts.push(eb(`incidents.${column}`, 'in', values as never[]));
  };
  list('status', f.status);
  list('category', f.category);
  list('channel', f.channel);
  list('priority', f.priority);
  if (f.kecamatan?.length) {
    const codes = f.kecamatan.filter((k) => /^\d{2}\.\d{2}\.\d{2}$/.test(k));
    const names = f.kecamatan.filter((k) => !codes.includes(k)).map((k) => k.toLowerCase());
    const or = [];
    if (codes.length) or.push(eb('incidents.kecamatan_code', 'in', codes));
    if (names.length) or.push(eb(eb.fn('lower', ['incidents.kecamatan']), 'in', names));
    parts.push(eb.or(or));
  }
  const words = f.q?.trim()
    ? sql<SqlBool>`incidents.search_document @@ websearch_to_tsquery('indonesian', ${f.q.trim()})`
    : null;
  if (f.reporter) {
    const [kind, address] = 'phone' in f.reporter ? ['phone', f.reporter.phone] : ['email', f.reporter.email];
    const byContact = sql<SqlBool>`incidents.contact_id in (select c.id from contacts c where c.kind = ${kind} and c.address = ${address})`;
    parts.push(words ? eb.or([byContact, words]) : byContact);
  } else if (words) parts.push(words);
  if (f.due === 'overdue') parts.push(eb('incidents.due_at', '<', sql<Date>`now()`));
  if (f.due === 'due') parts.push(eb('incidents.due_at', 'is not', null));
  if (f.due === 'met') parts.push(eb('incidents.due_at', 'is', null));
  if (f.since) {
    parts.push(
      f.since.kind === 'instant'
        ? eb('incidents.received_at', '>=', f.since.at)
        : sql<SqlBool>`incidents.received_at >= (${f.since.date}::date)::timestamp at time zone ${timezone}`,
    );
  }
  if (f.until) {
    parts.push(
      f.until.kind === 'instant'
        ? eb('incidents.received_at', '<=', f.until.at)
        : sql<SqlBool>`incidents.received_at < (${f.until.date}::date + 1)::timestamp at time zone ${timezone}`,
    );
  }
  return eb.and(parts);
}

/** One page of the list. */
export async function listIncidents(
  db: DbOrTrx,
  f: IncidentFilter,
  page: { limit: number; cursor?: string | null; timezone: string },
): Promise<ListPage> {
  let q = incidentViewQuery(db).where((eb) => filterCondition(eb as unknown as Eb, f, page.timezone));
  if (page.cursor) {
    const cursor = page.cursor;
    q = q.where(
      sql<SqlBool>`(incidents.received_at, incidents.id) < (select c.received_at, c.id from incidents c where c.id = ${cursor})`,
    );
  }
  const rows = await q
    .orderBy('incidents.received_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown as IncidentView[], nextCursor: more ? (shown.at(-1)?.id ?? null) : null };
}

/** Every matching row, in pages of `batch` (the CSV export): memory stays flat whatever the count. */
export async function* allIncidents(
  db: DbOrTrx,
  f: IncidentFilter,
  timezone: string,
  batch = 1000,
): AsyncGenerator<IncidentView> {
  let cursor: string | null = null;
  do {
    const page: ListPage = await listIncidents(db, f, { limit: batch, cursor, timezone });
    yield* page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}

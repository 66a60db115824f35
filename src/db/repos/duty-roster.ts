/** duty_roster and duty_exceptions: who is on duty when (ISO days, hours in TIMEZONE); the order is the escalation order. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { DutyRosterRow } from '../database';

export type DutyChannel = 'sms' | 'whatsapp' | 'email';

/** A dated change of one person's pattern: off (leave), or on duty at its own hours (a swap). */
export interface DutyException {
  date: string;
  onDuty: boolean;
  from: string | null;
  to: string | null;
}

export interface NewDutyEntry {
  name: string;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  channel: DutyChannel;
  days: number[];
  from: string | null;
  to: string | null;
}

export interface DutyEntry extends NewDutyEntry {
  id: string;
  position: number;
  active: boolean;
  exceptions: DutyException[];
}

const hhmm = (t: string | null) => t?.slice(0, 5) ?? null;

function toEntry(r: DutyRosterRow, exceptions: (DutyException & { rosterId: string })[]): DutyEntry {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    phone: r.phone,
    whatsapp: r.whatsapp,
    email: r.email,
    channel: r.channel,
    days: r.days,
    from: hhmm(r.from_time),
    to: hhmm(r.to_time),
    active: r.active,
    exceptions: exceptions.filter((e) => e.rosterId === r.id).map(({ rosterId: _, ...e }) => e),
  };
}

/** The roster in escalation order, each person with their dated exceptions (recent and future ones). */
export async function listDuty(db: DbOrTrx, opts: { activeOnly?: boolean } = {}): Promise<DutyEntry[]> {
  let q = db.selectFrom('duty_roster').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', true);
  const rows = await q.orderBy('position').orderBy('id').execute();
  const exceptions = await db
    .selectFrom('duty_exceptions')
    .select(['roster_id', sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'on_duty', 'from_time', 'to_time'])
    .where('date', '>=', sql<Date>`current_date - 7`)
    .orderBy('date')
    .execute();
  const mapped = exceptions.map((e) => ({
    rosterId: e.roster_id,
    date: e.date,
    onDuty: e.on_duty,
    from: hhmm(e.from_time),
    to: hhmm(e.to_time),
  }));
  return rows.map((r) => toEntry(r, mapped));
}

/** Adds a person at the end of the roster (the last to be escalated to). */
export async function insertDuty(db: DbOrTrx, e: NewDutyEntry): Promise<string> {
  const row = await db
    .insertInto('duty_roster')
    .values({
      position: sql<number>`coalesce((select max(position) + 1 from duty_roster), 1)`,
      name: e.name,
      phone: e.phone,
      whatsapp: e.whatsapp,
      email: e.email,
      channel: e.channel,
      days: e.days,
      from_time: e.from,
      to_time: e.to,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDuty(
  db: DbOrTrx,
  id: string,
  e: Partial<NewDutyEntry> & { active?: boolean; position?: number },
): Promise<boolean> {
  const result = await db
    .updateTable('duty_roster')
    .set({
      ...(e.name !== undefined ? { name: e.name } : {}),
      ...(e.phone !== undefined ? { phone: e.phone } : {}),
      ...(e.whatsapp !== undefined ? { whatsapp: e.whatsapp } : {}),
      ...(e.email !== undefined ? { email: e.email } : {}),
      ...(e.channel !== undefined ? { channel: e.channel } : {}),
      ...(e.days !== undefined ? { days: e.days } : {}),
      ...(e.from !== undefined ? { from_time: e.from } : {}),
      ...(e.to !== undefined ? { to_time: e.to } : {}),
      ...(e.active !== undefined ? { active: e.active } : {}),
      ...(e.position !== undefined ? { position: e.position } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets (or replaces) the exception of a person for one date. */
export async function upsertDutyException(
  db: DbOrTrx,
  rosterId: string,
  e: DutyException & { note?: string },
): Promise<void> {
  const values = { on_duty: e.onDuty, from_time: e.from, to_time: e.to, note: e.note ?? '' };
  await db
    .insertInto('duty_exceptions')
    .values({ roster_id: rosterId, date: e.date, ...values })
    .onConflict((oc) => oc.columns(['roster_id', 'date']).doUpdateSet(values))
    .execute();
}

export async function deleteDutyException(db: DbOrTrx, rosterId: string, date: string): Promise<boolean> {
  const r = await db
    .deleteFrom('duty_exceptions')
    .where('roster_id', '=', rosterId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The active roster person a phone number (E.164) belongs to, by their phone or WhatsApp number. */
export async function findDutyByPhone(db: DbOrTrx, phone: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('duty_roster')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb('phone', '=', phone), eb('whatsapp', '=', phone)]))
    .orderBy('position')
    .executeTakeFirst();
}

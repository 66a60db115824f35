/** reporters: RT/RW heads, lurah offices and FKDM members registered by the office (sql/015). */
import { sql } from 'kysely';
import { type ReporterRole, reporterLabel } from '../../core/registered-reporter';
import type { DbOrTrx } from '../connection';
import type { ReporterRow } from '../database';

export interface Reporter {
  id: string;
  name: string;
  phone: string;
  role: ReporterRole;
  label: string;
  kecamatan: string | null;
  kecamatanCode: string | null;
  kelurahan: string;
  kelurahanCode: string;
  rt: string | null;
  rw: string | null;
  active: boolean;
  createdAt: string;
}

/** What an admin registers; the kelurahan already resolved against the gazetteer. */
export type NewReporter = Omit<Reporter, 'id' | 'label' | 'active' | 'createdAt'>;

export function toReporter(r: ReporterRow): Reporter {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    role: r.role,
    label: reporterLabel(r),
    kecamatan: r.kecamatan,
    kecamatanCode: r.kecamatan_code,
    kelurahan: r.kelurahan,
    kelurahanCode: r.kelurahan_code,
    rt: r.rt,
    rw: r.rw,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  };
}

function columns(r: NewReporter) {
  return {
    name: r.name,
    phone: r.phone,
    role: r.role,
    kecamatan: r.kecamatan,
    kecamatan_code: r.kecamatanCode,
    kelurahan: r.kelurahan,
    kelurahan_code: r.kelurahanCode,
    rt: r.rt,
    rw: r.rw,
  };
}

/** Inserts a reporter; null when the phone is already registered. */
export async function insertReporter(db: DbOrTrx, r: NewReporter): Promise<Reporter | null> {
  const row = await db
    .insertInto('reporters')
    .values(columns(r))
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toReporter(row) : null;
}

/** Registers or updates (by phone) a reporter, active again: the bulk import. `created` says which. */
export async function upsertReporter(db: DbOrTrx, r: NewReporter): Promise<{ reporter: Reporter; created: boolean }> {
  const row = await db
    .insertInto('reporters')
    .values(columns(r))
    .onConflict((oc) => oc.column('phone').doUpdateSet({ ...columns(r), active: true, updated_at: sql`now()` }))
    .returningAll()
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
  return { reporter: toReporter(row), created: row.inserted };
}

export async function listReporters(db: DbOrTrx): Promise<Reporter[]> {
  const rows = await db
    .selectFrom('reporters')
    .selectAll()
    .orderBy('kelurahan')
    .orderBy('role')
    .orderBy('id')
    .execute();
  return rows.map(toReporter);
}

export async function findReporterById(db: DbOrTrx, id: string): Promise<Reporter | undefined> {
  const row = await db.selectFrom('reporters').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReporter(row) : undefined;
}

/** The active reporter registered with this phone (E.164), if any. */
export async function findActiveReporterByPhone(db: DbOrTrx, phone: string): Promise<Reporter | undefined> {
  const row = await db
    .selectFrom('reporters')
    .selectAll()
    .where('phone', '=', phone)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ? toReporter(row) : undefined;
}

/** The active reporters registered with these phones (E.164), by phone: one statement for a batch of messages. */
export async function findActiveReportersByPhones(db: DbOrTrx, phones: string[]): Promise<Map<string, Reporter>> {
  const found = new Map<string, Reporter>();
  if (phones.length === 0) return found;
  const rows = await db
    .selectFrom('reporters')
    .selectAll()
    .where('phone', 'in', [...new Set(phones)])
    .where('active', '=', true)
    .execute();
  for (const row of rows) found.set(row.phone, toReporter(row));
  return found;
}

export async function setReporterActive(db: DbOrTrx, id: string, active: boolean): Promise<Reporter | undefined> {
  const row = await db
    .updateTable('reporters')
    .set({ active, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toReporter(row) : undefined;
}

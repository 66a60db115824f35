/** stakeholders: agencies an incident can be forwarded to. */
import type { DbOrTrx } from '../connection';
import type { StakeholderRow } from '../database';

export interface Stakeholder {
  id: string;
  name: string;
  agency: string;
  channel: 'sms' | 'whatsapp' | 'email';
  phone: string | null;
  email: string | null;
  categories: string[];
  kecamatanCodes: string[];
  active: boolean;
}

function toStakeholder(r: StakeholderRow): Stakeholder {
  return {
    id: r.id,
    name: r.name,
    agency: r.agency,
    channel: r.channel,
    phone: r.phone,
    email: r.email,
    categories: r.categories,
    kecamatanCodes: r.kecamatan_codes,
    active: r.active,
  };
}

export async function listStakeholders(db: DbOrTrx): Promise<Stakeholder[]> {
  const rows = await db.selectFrom('stakeholders').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toStakeholder);
}

export async function insertStakeholder(db: DbOrTrx, s: Omit<Stakeholder, 'id' | 'active'>): Promise<Stakeholder> {
  const row = await db
    .insertInto('stakeholders')
    .values({
      name: s.name,
      agency: s.agency,
      channel: s.channel,
      phone: s.phone,
      email: s.email,
      categories: s.categories,
      kecamatan_codes: s.kecamatanCodes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStakeholder(row);
}

export async function getStakeholders(db: DbOrTrx, ids: string[]): Promise<Stakeholder[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('stakeholders').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return rows.map(toStakeholder);
}

export async function updateStakeholder(
  db: DbOrTrx,
  id: string,
  s: Partial<Omit<Stakeholder, 'id'>>,
): Promise<Stakeholder | undefined> {
  const row = await db
    .updateTable('stakeholders')
    .set({
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.agency !== undefined ? { agency: s.agency } : {}),
      ...(s.channel !== undefined ? { channel: s.channel } : {}),
      ...(s.phone !== undefined ? { phone: s.phone } : {}),
      ...(s.email !== undefined ? { email: s.email } : {}),
      ...(s.categories !== undefined ? { categories: s.categories } : {}),
      ...(s.kecamatanCodes !== undefined ? { kecamatan_codes: s.kecamatanCodes } : {}),
      ...(s.active !== undefined ? { active: s.active } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toStakeholder(row) : undefined;
}

/** Stakeholders writing from a phone (E.164) or an email address: their answers join the incidents' threads. */
export async function findStakeholdersByAddress(
  db: DbOrTrx,
  a: { phone: string | null; email: string | null },
): Promise<Stakeholder[]> {
  if (!a.phone && !a.email) return [];
  const rows = await db
    .selectFrom('stakeholders')
    .selectAll()
    .where((eb) => {
      const or = [];
      if (a.phone) or.push(eb('phone', '=', a.phone));
      if (a.email) or.push(eb(eb.fn('lower', ['email']), '=', a.email.toLowerCase()));
      return eb.or(or);
    })
    .execute();
  return rows.map(toStakeholder);
}

/**
 * Which of these phones (E.164) and email addresses (lowercased) belong to a stakeholder: one statement for a
 * batch, whose messages from stakeholders take the path that recognises an answer to a forward.
 */
export async function stakeholderAddressesAmong(
  db: DbOrTrx,
  a: { phones: string[]; emails: string[] },
): Promise<Set<string>> {
  const found = new Set<string>();
  if (a.phones.length === 0 && a.emails.length === 0) return found;
  const rows = await db
    .selectFrom('stakeholders')
    .select(['phone', 'email'])
    .where((eb) => {
      const or = [];
      if (a.phones.length > 0) or.push(eb('phone', 'in', a.phones));
      if (a.emails.length > 0) or.push(eb(eb.fn('lower', ['email']), 'in', a.emails));
      return eb.or(or);
    })
    .execute();
  for (const row of rows) {
    if (row.phone) found.add(row.phone);
    if (row.email) found.add(row.email.toLowerCase());
  }
  return found;
}

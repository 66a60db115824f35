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

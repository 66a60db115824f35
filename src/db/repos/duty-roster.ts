/** duty_roster: who is on duty when (ISO days, hours in TIMEZONE); the order is the escalation order. */
import type { DbOrTrx } from '../connection';

export interface DutyEntry {
  id: string;
  position: number;
  name: string;
  phone: string | null;
  email: string | null;
  channel: 'sms' | 'whatsapp' | 'email';
  days: number[];
  from: string | null;
  to: string | null;
}

export async function listDuty(db: DbOrTrx): Promise<DutyEntry[]> {
  const rows = await db.selectFrom('duty_roster').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    name: r.name,
    phone: r.phone,
    email: r.email,
    channel: r.channel,
    days: r.days,
    from: r.from_time?.slice(0, 5) ?? null,
    to: r.to_time?.slice(0, 5) ?? null,
  }));
}

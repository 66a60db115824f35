/** When a contact last wrote to us: WhatsApp allows free text only within 24 hours of that. */
import type { DbOrTrx } from '../connection';
import type { ContactKind } from './contacts';

export async function lastInboundAt(db: DbOrTrx, kind: ContactKind, address: string): Promise<Date | null> {
  const row = await db
    .selectFrom('contacts')
    .select('last_inbound_at')
    .where('kind', '=', kind)
    .where('address', '=', address)
    .executeTakeFirst();
  return row?.last_inbound_at ?? null;
}

/** contacts: reporters and correspondents, one per normalized address (E.164 phone or lowercased email). */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';

export type ContactKind = 'phone' | 'email' | 'other';

export interface ContactKey {
  kind: ContactKind;
  address: string;
  name: string | null;
  /** An e-mail contact's phone written in the message: kept beside the address, never instead of it. */
  phone?: string | null;
}

/** Creates or refreshes the contact and records when it last wrote (WhatsApp's 24-hour window). */
export async function upsertContact(
  db: DbOrTrx,
  key: ContactKey,
  inbound: { at: string | Date; channel: string },
): Promise<string> {
  const row = await db
    .insertInto('contacts')
    .values({
      kind: key.kind,
      address: key.address,
      name: key.name,
      phone: key.phone ?? null,
      last_inbound_at: inbound.at,
      last_inbound_channel: inbound.channel,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'address']).doUpdateSet({
        name: sql`coalesce(excluded.name, contacts.name)`,
        phone: sql`coalesce(excluded.phone, contacts.phone)`,
        // Replays of old messages must not move the window backwards.
        last_inbound_at: sql`greatest(contacts.last_inbound_at, excluded.last_inbound_at)`,
        last_inbound_channel: sql`case when excluded.last_inbound_at >= coalesce(contacts.last_inbound_at, excluded.last_inbound_at) then excluded.last_inbound_channel else contacts.last_inbound_channel end`,
        updated_at: sql`now()`,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

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
export interface ContactInbound {
  at: string | Date;
  channel: string;
}

/**
 * Creates or refreshes many contacts in one statement, in (kind, address) order: their row locks are then taken in
 * the same order by every batch, so that concurrent batches wait for each other instead of deadlocking, and the
 * loop guard counts of a contact's messages are read by one batch at a time. The same contact listed twice is
 * merged first as the upserts one after the other would have left it. Returns the ids by `contactKeyId`.
 */
export async function upsertContacts(
  db: DbOrTrx,
  contacts: { key: ContactKey; inbound: ContactInbound }[],
): Promise<Map<string, string>> {
  const merged = new Map<string, { key: ContactKey; at: Date; channel: string }>();
  for (const { key, inbound } of contacts) {
    const id = contactKeyId(key);
    const at = new Date(inbound.at);
    const before = merged.get(id);
    merged.set(
      id,
      before
        ? {
            key: { ...key, name: key.name ?? before.key.name, phone: key.phone ?? before.key.phone ?? null },
            at: at >= before.at ? at : before.at,
            channel: at >= before.at ? inbound.channel : before.channel,
          }
        : { key, at, channel: inbound.channel },
    );
  }
  const ids = new Map<string, string>();
  if (merged.size === 0) return ids;
  const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = await upsertQuery(
    db,
    sorted.map(([, c]) => ({ key: c.key, inbound: { at: c.at, channel: c.channel } })),
  ).execute();
  for (const row of rows)
    ids.set(contactKeyId({ kind: row.kind as ContactKind, address: row.address, name: null }), row.id);
  return ids;
}

/** The identity a contact is upserted on, as one sortable string. */
export function contactKeyId(key: ContactKey): string {
  return `${key.kind}\u0000${key.address}`;
}

export async function upsertContact(db: DbOrTrx, key: ContactKey, inbound: ContactInbound): Promise<string> {
  const [row] = await upsertQuery(db, [{ key, inbound }]).execute();
  if (!row) throw new Error('contact_not_stored: the upsert returned no row');
  return row.id;
}

function upsertQuery(db: DbOrTrx, contacts: { key: ContactKey; inbound: ContactInbound }[]) {
  return db
    .insertInto('contacts')
    .values(
      contacts.map(({ key, inbound }) => ({
        kind: key.kind,
        address: key.address,
        name: key.name,
        phone: key.phone ?? null,
        last_inbound_at: inbound.at,
        last_inbound_channel: inbound.channel,
      })),
    )
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
    .returning(['id', 'kind', 'address']);
}

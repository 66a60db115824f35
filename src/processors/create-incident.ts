/** Inserts a new incident from a normalized message, with a free reference code, its deadlines and duplicate hint. */
import type { NormalizedMessage } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow, NewIncident } from '../db/database';
import { findPossibleDuplicate, insertIncidentWithFreeReference } from '../db/repos/incidents';
import { newIncidentDeadlines } from '../follow-up/incident-deadlines';
import type { Settings } from '../settings';
import { machineFields } from './incident-fields';

export interface NewIncidentInput {
  normalized: NormalizedMessage;
  channel: string;
  receivedAt: string;
  contactId: string | null;
  rawMessageId: string;
  /** The first message's words, written with the incident: the search trigger then skips it (sql/007). */
  body: string;
  settings: Settings;
  timezone: string;
  newReference: () => string;
  /** Fields staff confirmed or changed when they typed the report in, kept as their corrections. */
  corrections?: unknown;
}

/** The row of a new incident, given its code and its possible duplicate: what createIncident and a batch insert. */
export function newIncidentValues(
  input: NewIncidentInput,
  reference: string,
  possibleDuplicateOf: string | null,
): NewIncident {
  const fields = machineFields(input.normalized);
  const deadlines = newIncidentDeadlines(
    fields.priority.priority,
    new Date(input.receivedAt),
    input.settings,
    input.timezone,
  );
  return {
    reference,
    channel: input.channel,
    ...fields.category,
    ...fields.priority,
    ...fields.location,
    ...fields.rest,
    received_at: input.receivedAt,
    contact_id: input.contactId,
    first_raw_message_id: input.rawMessageId,
    possible_duplicate_of: possibleDuplicateOf,
    ...(input.corrections ? { corrections: JSON.stringify(input.corrections) } : {}),
    message_count: 1,
    search_text: input.body.slice(0, 20_000),
    ...deadlines,
  };
}

export async function createIncident(trx: DbOrTrx, input: NewIncidentInput): Promise<IncidentRow> {
  const n = input.normalized;
  const possibleDuplicateOf =
    n.category && n.location.kelurahanCode
      ? await findPossibleDuplicate(trx, {
          category: n.category,
          kelurahanCode: n.location.kelurahanCode,
          receivedAt: input.receivedAt,
          windowHours: input.settings.duplicateWindowHours,
        })
      : null;
  // Codes are random: a collision is rare but possible, and the unique key decides (no look-up first: one round trip).
  for (let attempt = 0; attempt < 10; attempt++) {
    const inserted = await insertIncidentWithFreeReference(
      trx,
      newIncidentValues(input, input.newReference(), possibleDuplicateOf),
    );
    if (inserted) return inserted;
  }
  throw new Error('reference: no free code after 10 attempts');
}

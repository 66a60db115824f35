/** One incident as the incident page and `GET /api/incidents/:id` show it: the thread, notes and history. */
import { incidentForRole, maskText, type Role, seesIdentities } from '../auth/masking';
import type { Incident } from '../core/incident';
import type { NormalizedReasons } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import { type Forward, listForwards } from '../db/repos/forwards';
import { type HistoryEntry, listHistory, listNotes, type Note } from '../db/repos/incident-history';
import { incidentViewQuery, toIncident } from '../db/repos/incidents';
import { type FollowUp, loadFollowUp } from '../follow-up/incident-follow-up';

export interface ThreadAttachment {
  id: string;
  filename: string | null;
  contentType: string | null;
  size: number;
}

export interface ThreadMessage {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  from: string | null;
  to: string | null;
  body: string;
  html: string | null;
  at: string;
  /** Outbound only: the outbox row's state (pending, sent, delivered, failed…). */
  deliveryState: string | null;
  /** Outbound only: ack, status_answer, reply… */
  purpose: string | null;
  attachments: ThreadAttachment[];
}

export interface IncidentDetail extends Incident {
  duplicateOf: string | null;
  /** The normalizer's words that led to its reading (category, priority, place). */
  keywords: string[];
  /** Per field, the words that decided the machine's reading; null for incidents read before it was recorded. */
  reasons: NormalizedReasons | null;
  locationText: string | null;
  /** Groups staff corrected ('category', 'priority', 'location'), with who and when. */
  corrections: Record<string, unknown>;
  /** The normalizer's answer for the corrected groups (what the machine said before staff corrected it). */
  machine: Record<string, unknown>;
  messages: ThreadMessage[];
  notes: Note[];
  history: HistoryEntry[];
  forwards: Forward[];
  /** Alerts to the people on duty, their acknowledgement and the response targets (docs/follow-up.md). */
  followUp: FollowUp;
}

/** Loads an incident with its thread (oldest first); masked for roles that may not see identities. */
export async function loadIncidentDetail(db: DbOrTrx, id: string, role: Role): Promise<IncidentDetail | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await incidentViewQuery(db).where('incidents.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [messages, notes, history, forwards, followUp] = await Promise.all([
    loadThread(db, id),
    listNotes(db, id),
    listHistory(db, id),
    listForwards(db, id),
    loadFollowUp(db, row),
  ]);
  const incident = incidentForRole(toIncident(row), role);
  const masked = !seesIdentities(role);
  const machine = row.machine as Record<string, unknown>;
  return {
    ...incident,
    duplicateOf: row.duplicate_of,
    keywords: row.keywords,
    reasons: storedReasons(machine.reasons),
    locationText: masked && row.location_text ? maskText(row.location_text) : row.location_text,
    corrections: row.corrections,
    machine: {
      kind: machine.kind ?? null,
      category: machine.category ?? null,
      priority: machine.priority ?? null,
      location: machine.location ?? null,
    },
    messages: masked ? messages.map(maskMessage) : messages,
    notes,
    history,
    forwards,
    followUp,
  };
}

/** The reasons as stored in the machine's JSON, or null when absent or not of the expected shape. */
function storedReasons(value: unknown): NormalizedReasons | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const words = (x: unknown) => (Array.isArray(x) ? x.filter((w): w is string => typeof w === 'string') : []);
  return { kind: words(v.kind), category: words(v.category), priority: words(v.priority) };
}

function maskMessage(m: ThreadMessage): ThreadMessage {
  // Viewers get the text with numbers and addresses masked; the HTML part could carry them anywhere, so it is left out.
  return {
    ...m,
    from: m.from ? maskText(m.from) : null,
    to: m.to ? maskText(m.to) : null,
    body: maskText(m.body),
    html: null,
  };
}

async function loadThread(db: DbOrTrx, incidentId: string): Promise<ThreadMessage[]> {
  const rows = await db
    .selectFrom('incident_messages as m')
    .leftJoin('outbound_messages as o', 'o.id', 'm.outbound_message_id')
    .select([
      'm.id',
      'm.direction',
      'm.channel',
      'm.from_address',
      'm.to_address',
      'm.body',
      'm.html',
      'm.at',
      'o.state as delivery_state',
      'o.purpose',
    ])
    .where('m.incident_id', '=', incidentId)
    .execute();
  // Acknowledgements and status answers are written by the normalize worker straight into the outbox.
  const outbox = await db
    .selectFrom('outbound_messages as o')
    .select(['o.id', 'o.channel', 'o.to_address', 'o.body', 'o.created_at', 'o.state', 'o.purpose'])
    .where('o.incident_id', '=', incidentId)
    .where('o.purpose', 'in', ['ack', 'status_answer'])
    .execute();
  const ids = rows.map((r) => r.id);
  const attachments = ids.length
    ? await db
        .selectFrom('attachments')
        .select(['id', 'incident_message_id', 'filename', 'content_type', 'size'])
        .where('incident_message_id', 'in', ids)
        .orderBy('position')
        .execute()
    : [];
  const thread: ThreadMessage[] = rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    channel: r.channel,
    from: r.from_address,
    to: r.to_address,
    body: r.body,
    html: r.html,
    at: r.at.toISOString(),
    deliveryState: r.direction === 'out' ? (r.delivery_state ?? null) : null,
    purpose: r.direction === 'out' ? (r.purpose ?? 'reply') : null,
    attachments: attachments
      .filter((a) => a.incident_message_id === r.id)
      .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size })),
  }));
  for (const o of outbox) {
    thread.push({
      id: `out-${o.id}`,
      direction: 'out',
      channel: o.channel,
      from: null,
      to: o.to_address,
      body: o.body,
      html: null,
      at: o.created_at.toISOString(),
      deliveryState: o.state,
      purpose: o.purpose,
      attachments: [],
    });
  }
  return thread.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** One incident as the incident page and `GET /api/incidents/:id` show it: the thread, notes and history. */
import { displayNameOf, type IdentityMask, identityMask, incidentForRole, maskJson, type Role } from '../auth/masking';
import type { Incident } from '../core/incident';
import type { NormalizedReasons } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import { type Forward, listForwards } from '../db/repos/forwards';
import { type HistoryEntry, listHistory, listNotes, type Note } from '../db/repos/incident-history';
import { listAutomaticReplies, listThreadAttachments, listThreadRows } from '../db/repos/incident-thread';
import { findIncidentView, toIncident } from '../db/repos/incidents';
import { type FollowUp, loadFollowUp } from '../follow-up/incident-follow-up';
import { joinReasonText, UNANSWERED_TEXTS } from './thread-reasons';

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
  /** Inbound only: why it joined this incident ("pesan lanjutan dari pelapor yang sama, 7 menit setelah laporan"). */
  joinedBecause: string | null;
  /** Inbound only: why no automatic answer went out (the loop and cost guard); staff answer by hand. */
  unanswered: string | null;
  /** Inbound, not the incident's first message: staff may split it out into an incident of its own. */
  canSplit: boolean;
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
  const row = await findIncidentView(db, id);
  if (!row) return null;
  const [messages, notes, history, forwards, followUp] = await Promise.all([
    loadThread(db, id, row.first_raw_message_id),
    listNotes(db, id),
    listHistory(db, id),
    listForwards(db, id),
    loadFollowUp(db, row),
  ]);
  // Everyone the thread is about: the contact and the display names of its senders ("Budi" <budi@…>).
  const names = messages.map((m) => (m.direction === 'in' ? displayNameOf(m.from) : null));
  const incident = incidentForRole(toIncident(row), role, names);
  const mask = identityMask(role, [row.contact_name, ...names]);
  const machine = row.machine as Record<string, unknown>;
  return {
    ...incident,
    duplicateOf: row.duplicate_of,
    keywords: row.keywords,
    reasons: storedReasons(machine.reasons),
    locationText: row.location_text ? mask.text(row.location_text) : null,
    corrections: row.corrections,
    machine: {
      kind: machine.kind ?? null,
      category: machine.category ?? null,
      priority: machine.priority ?? null,
      location: machine.location ?? null,
    },
    messages: mask.masked ? messages.map((m) => maskMessage(m, mask)) : messages,
    notes: mask.masked ? notes.map((n) => ({ ...n, text: mask.text(n.text) })) : notes,
    history: maskJson(history, mask),
    forwards: mask.masked ? forwards.map((f) => ({ ...f, note: mask.text(f.note) })) : forwards,
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

function maskMessage(m: ThreadMessage, mask: IdentityMask): ThreadMessage {
  // From and To are identities whole (a foreign number, a display name); the body is masked as text. The HTML part
  // could carry identities anywhere, so it is left out, and so are attachment names ("KTP Budi Santoso.jpg").
  return {
    ...m,
    from: m.from ? mask.address(m.from) : null,
    to: m.to ? mask.address(m.to) : null,
    body: mask.text(m.body),
    html: null,
    attachments: m.attachments.map((a) => ({ ...a, filename: a.filename ? mask.text(a.filename) : null })),
  };
}

async function loadThread(db: DbOrTrx, incidentId: string, firstRawMessageId: string | null): Promise<ThreadMessage[]> {
  const rows = await listThreadRows(db, incidentId);
  // Acknowledgements and status answers are written by the normalize worker straight into the outbox.
  const outbox = await listAutomaticReplies(db, incidentId);
  const attachments = await listThreadAttachments(
    db,
    rows.map((r) => r.id),
  );
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
    joinedBecause: r.join_reason ? joinReasonText(r.join_reason, r.channel) : null,
    unanswered: r.unanswered_reason ? UNANSWERED_TEXTS[r.unanswered_reason] : null,
    canSplit: r.direction === 'in' && r.raw_message_id !== null && r.raw_message_id !== firstRawMessageId,
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
      joinedBecause: null,
      unanswered: null,
      canSplit: false,
    });
  }
  return thread.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

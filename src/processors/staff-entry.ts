/**
 * A report staff typed in (channel phone or walk_in): the fields staff confirmed or changed replace the
 * normalizer's reading, and are kept as staff corrections so that `halo replay` never overwrites them.
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { StaffEntry } from '../core/raw-message';
import type { CorrectionGroup } from './incident-fields';

/** The normalizer's reading with staff's fields over it; always a report (staff decided it is one). */
export function withStaffFields(n: NormalizedMessage, entry: StaffEntry): NormalizedMessage {
  const f = entry.fields;
  return {
    ...n,
    kind: 'report',
    category: f.category !== undefined ? f.category : n.category,
    categoryConfidence: f.category !== undefined ? 1 : n.categoryConfidence,
    priority: f.priority ?? n.priority,
    location: f.location ? { ...n.location, ...f.location } : n.location,
    occurredAt: f.occurredAt !== undefined ? f.occurredAt : n.occurredAt,
  };
}

/** The `corrections` column of the new incident: each group staff set, by whom and when. */
export function staffCorrections(entry: StaffEntry, at: string): Partial<Record<CorrectionGroup, unknown>> {
  const f = entry.fields;
  const by = { by: entry.userId, at };
  const out: Partial<Record<CorrectionGroup, unknown>> = {};
  if (f.category !== undefined) out.category = { ...by, value: f.category };
  if (f.priority !== undefined) out.priority = { ...by, value: f.priority };
  if (f.location) {
    const { kelurahanCode, rt, rw } = f.location;
    out.location = { ...by, value: { kelurahanCode, rt, rw, street: null } };
  }
  return out;
}

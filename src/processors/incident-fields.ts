/** The incident columns that come from the normalizer's answer, and how staff corrections override them. */
import type { NormalizedMessage } from '../core/normalized-message';
import type { IncidentUpdate } from '../db/database';

/** Corrections are stored by group: a corrected group is never refreshed by `halo replay`. */
export type CorrectionGroup = 'category' | 'priority' | 'location';

export function machineFields(n: NormalizedMessage) {
  return {
    category: {
      category: n.category,
      category_confidence: n.categoryConfidence,
    },
    priority: { priority: n.priority },
    location: {
      kecamatan: n.location.kecamatan,
      kecamatan_code: n.location.kecamatanCode,
      kelurahan: n.location.kelurahan,
      kelurahan_code: n.location.kelurahanCode,
      rt: n.location.rt,
      rw: n.location.rw,
      street: n.location.street,
      location_text: n.location.text,
      latitude: n.location.latitude ?? null,
      longitude: n.location.longitude ?? null,
    },
    rest: {
      title: n.title,
      summary: n.summary,
      occurred_at: n.occurredAt,
      keywords: n.keywords,
      machine: JSON.stringify(n),
    },
  } satisfies Record<CorrectionGroup | 'rest', IncidentUpdate>;
}

/** The update that refreshes the machine's reading without touching any corrected group. */
export function refreshUpdate(n: NormalizedMessage, corrections: Record<string, unknown>): IncidentUpdate {
  const fields = machineFields(n);
  const update: IncidentUpdate = { ...fields.rest };
  for (const group of ['category', 'priority', 'location'] as const) {
    if (!(group in corrections)) Object.assign(update, fields[group]);
  }
  return update;
}

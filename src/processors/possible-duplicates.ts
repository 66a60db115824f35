/**
 * "Possibly the same event" for a batch's new incidents, decided in memory: the newest open incident of the same
 * category in the same kelurahan received within the window before the new one, among those already stored and
 * those created earlier in the same batch (as the per-message path would find them, one after the other).
 */
import type { PlacedIncident } from '../db/repos/incident-batch';

export interface NewPlacedIncident {
  id: string;
  category: string | null;
  kelurahanCode: string | null;
  receivedAt: Date;
}

/** For each new incident (in batch order), the id it possibly duplicates, or null. `stored`: newest first. */
export function possibleDuplicates(
  fresh: NewPlacedIncident[],
  stored: PlacedIncident[],
  windowHours: number,
): (string | null)[] {
  const windowMs = windowHours * 3_600_000;
  const seen: NewPlacedIncident[] = [];
  return fresh.map((incident) => {
    const { category, kelurahanCode } = incident;
    if (!category || !kelurahanCode) {
      seen.push(incident);
      return null;
    }
    const at = incident.receivedAt.getTime();
    const within = (t: number) => t <= at && t >= at - windowMs;
    let best: { id: string; at: number } | null = null;
    for (const s of stored) {
      if (s.category === category && s.kelurahan_code === kelurahanCode && within(s.received_at.getTime())) {
        best = { id: s.id, at: s.received_at.getTime() };
        break;
      }
    }
    for (const s of seen) {
      const t = s.receivedAt.getTime();
      // Ties go to the later row, as "newest first" would order an incident created after another.
      if (s.category === category && s.kelurahanCode === kelurahanCode && within(t) && (!best || t >= best.at)) {
        best = { id: s.id, at: t };
      }
    }
    seen.push(incident);
    return best?.id ?? null;
  });
}

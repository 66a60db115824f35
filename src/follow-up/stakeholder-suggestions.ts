/**
 * Which stakeholders the workspace suggests for an incident, pure: those who handle its category, in its kecamatan
 * first. An empty list of kecamatan means "the whole city" (Polres, BPBD); an empty list of categories means "any".
 */
import type { Stakeholder } from '../db/repos/stakeholders';

export interface IncidentForSuggestion {
  category: string | null;
  kecamatanCode: string | null;
}

function score(s: Stakeholder, i: IncidentForSuggestion): number {
  if (!s.active) return 0;
  const category = s.categories.length === 0 ? 1 : i.category && s.categories.includes(i.category) ? 2 : 0;
  if (category === 0) return 0;
  const place =
    s.kecamatanCodes.length === 0 ? 1 : i.kecamatanCode && s.kecamatanCodes.includes(i.kecamatanCode) ? 2 : 0;
  if (place === 0) return 0;
  return category * 2 + place;
}

/** Suggested stakeholders, best first (category and kecamatan named explicitly beat "any" and "whole city"). */
export function suggestStakeholders(all: Stakeholder[], incident: IncidentForSuggestion): Stakeholder[] {
  return all
    .map((s) => ({ s, score: score(s, incident) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.s.name.localeCompare(b.s.name))
    .map((x) => x.s);
}

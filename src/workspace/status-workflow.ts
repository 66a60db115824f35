/** The status workflow: new → verified → in_progress → resolved / rejected, with reopening. */
import type { IncidentStatus } from '../core/incident';

export const NEXT_STATUSES: Record<IncidentStatus, IncidentStatus[]> = {
  new: ['verified', 'rejected'],
  verified: ['in_progress', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: ['in_progress'],
  rejected: ['new'],
};

export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

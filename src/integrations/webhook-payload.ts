/** The JSON body of a delivery: the event, and the incident as this subscription may see it. */
import type { Incident } from '../core/incident';
import { incidentForPartner } from './partner-incident';

export interface EventForPayload {
  id: string;
  type: string;
  createdAt: Date;
  details: Record<string, unknown>;
}

export function webhookBody(event: EventForPayload, incident: Incident, trusted: boolean): string {
  const details: Record<string, unknown> = {};
  if (typeof event.details.status === 'string') details.status = event.details.status;
  if (typeof event.details.previousStatus === 'string') details.previousStatus = event.details.previousStatus;
  if (event.type === 'forward.answered') details.answeredAt = event.details.at ?? null;
  return JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    ...details,
    incident: incidentForPartner(incident, trusted),
  });
}

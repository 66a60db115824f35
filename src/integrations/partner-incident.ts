/**
 * An incident as a partner system receives it. Only a subscription an admin marked trusted gets the reporter; any
 * other gets no reporter at all, no coordinates, and the phone numbers and email addresses in the title and summary masked (the
 * viewer role's rule): a reporter's identity never reaches a partner nobody vouched for.
 */
import { maskText } from '../auth/masking';
import type { Incident } from '../core/incident';

export type PartnerIncident = Omit<Incident, 'reporter'> & { reporter?: Incident['reporter'] };

export function incidentForPartner(incident: Incident, trusted: boolean): PartnerIncident {
  if (trusted) return incident;
  const { reporter: _withheld, ...rest } = incident;
  return {
    ...rest,
    title: maskText(incident.title),
    summary: maskText(incident.summary),
    // Coordinates often come from the reporter's own phone (a WhatsApp location): where they stood, maybe home.
    location: {
      ...incident.location,
      text: incident.location.text && maskText(incident.location.text),
      latitude: null,
      longitude: null,
    },
  };
}

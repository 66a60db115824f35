/** The Incident as the JSON API shows it (docs/api.md, "Incident (JSON)"). */

import type { Channel } from './channel';
import type { Category, NormalizedLocation, Priority } from './normalized-message';

export const INCIDENT_STATUSES = ['new', 'verified', 'in_progress', 'resolved', 'rejected'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What staff read for each status. */
export const STATUS_LABELS: Record<IncidentStatus, string> = {
  new: 'Baru',
  verified: 'Terverifikasi',
  in_progress: 'Ditangani',
  resolved: 'Selesai',
  rejected: 'Ditolak',
};

/** The normalizer's location, with coordinates always present (null when none were sent). */
export type IncidentLocation = Omit<NormalizedLocation, 'latitude' | 'longitude'> & {
  latitude: number | null;
  longitude: number | null;
};

export interface Incident {
  id: string;
  reference: string;
  status: IncidentStatus;
  channel: Channel;
  category: Category | null;
  priority: Priority;
  title: string;
  summary: string;
  location: IncidentLocation;
  occurredAt: string | null;
  receivedAt: string;
  /** `registered`: a registered reporter's role and area ("Ketua RT 02/RW 01 Ponjalae"); an identity like the rest. */
  reporter: { name: string | null; phone: string | null; email: string | null; registered: string | null };
  messageCount: number;
  assignee: { id: string; name: string } | null;
  possibleDuplicateOf: string | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Exporting the filtered incident list (CSV, xlsx): the export is itself an audited event; then the rows as shown. */
import { incidentForRole } from '../auth/masking';
import type { Incident } from '../core/incident';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { allIncidents, type IncidentFilter } from '../db/repos/incident-list';
import { toIncident } from '../db/repos/incidents';
import type { StaffUser } from '../db/repos/users';

export interface ExportRequest {
  filter: IncidentFilter;
  /** The query string as sent, recorded in the audit entry. */
  query: Record<string, unknown>;
  format: 'csv' | 'xlsx';
  timezone: string;
}

/** Writes the audit entry, then yields every matching incident as `user` may see it. */
export async function exportIncidents(
  db: Db,
  user: StaffUser,
  request: ExportRequest,
): Promise<AsyncIterable<Incident>> {
  await writeAudit(db, {
    userId: user.id,
    action: 'incidents.export',
    details: { filter: request.query, format: request.format, identities: user.role !== 'viewer' },
  });
  return (async function* () {
    for await (const row of allIncidents(db, request.filter, request.timezone)) {
      yield incidentForRole(toIncident(row), user.role);
    }
  })();
}

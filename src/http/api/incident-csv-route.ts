/** GET /api/incidents.csv: the filtered list, every matching row, as UTF-8 CSV with a BOM (Excel reads it right). */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { incidentForRole } from '../../auth/masking';
import type { Incident } from '../../core/incident';
import { CATEGORY_LABELS, type Category } from '../../core/normalized-message';
import { writeAudit } from '../../db/repos/audit-log';
import { allIncidents } from '../../db/repos/incident-list';
import { toIncident } from '../../db/repos/incidents';
import type { AppDeps } from '../app-deps';
import { anyStaff, staffOf } from '../auth/staff-auth';
import { CHANNEL_LABELS } from '../workspace/labels';
import { csvRow } from './csv';
import { parseFilter } from './incident-filter-query';

/** The export's columns (documented in the README): header name → value. */
export const CSV_COLUMNS: [string, (i: Incident) => string | number | null][] = [
  ['reference', (i) => i.reference],
  ['received_at', (i) => i.receivedAt],
  ['status', (i) => i.status],
  ['priority', (i) => i.priority],
  ['category', (i) => i.category],
  ['category_label', (i) => (i.category ? CATEGORY_LABELS[i.category as Category] : null)],
  ['channel', (i) => i.channel],
  ['channel_label', (i) => CHANNEL_LABELS[i.channel] ?? i.channel],
  ['title', (i) => i.title],
  ['summary', (i) => i.summary],
  ['kecamatan', (i) => i.location.kecamatan],
  ['kecamatan_code', (i) => i.location.kecamatanCode],
  ['kelurahan', (i) => i.location.kelurahan],
  ['kelurahan_code', (i) => i.location.kelurahanCode],
  ['rt', (i) => i.location.rt],
  ['rw', (i) => i.location.rw],
  ['street', (i) => i.location.street],
  ['occurred_at', (i) => i.occurredAt],
  ['reporter_name', (i) => i.reporter.name],
  ['reporter_phone', (i) => i.reporter.phone],
  ['reporter_email', (i) => i.reporter.email],
  ['assignee', (i) => i.assignee?.name ?? null],
  ['message_count', (i) => i.messageCount],
  ['possible_duplicate_of', (i) => i.possibleDuplicateOf],
  ['id', (i) => i.id],
];

export async function incidentCsvRoute(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/incidents.csv', { preHandler: anyStaff }, async (req, reply) => {
    const user = staffOf(req);
    const query = req.query as Record<string, unknown>;
    const filter = parseFilter(query);
    // The export is itself the audit event: who took which slice, and whether identities were in it.
    await writeAudit(deps.db, {
      userId: user.id,
      action: 'incidents.export',
      details: { filter: query, identities: user.role !== 'viewer' },
    });
    async function* lines(): AsyncGenerator<string> {
      yield `\uFEFF${csvRow(CSV_COLUMNS.map(([name]) => name))}`;
      for await (const row of allIncidents(deps.db, filter, deps.config.TIMEZONE)) {
        const incident = incidentForRole(toIncident(row), user.role);
        yield csvRow(CSV_COLUMNS.map(([, value]) => value(incident)));
      }
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="insiden-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
}

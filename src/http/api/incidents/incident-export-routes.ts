/**
 * The filtered list, every matching row, for a spreadsheet: `GET /api/incidents.csv` (UTF-8 with a BOM, semicolons,
 * CRLF: what Excel in the Indonesian locale opens right with a double click) and `GET /api/incidents.xlsx` (real
 * dates, column widths, a frozen header row). Same filters as the list, reporters masked for viewers, each export
 * audited.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../app-deps/app-deps';
import type { Incident } from '../../../core/incident';
import { exportIncidents } from '../../../workspace/incident-export';
import { anyStaff, staffOf } from '../../auth/staff-auth';
import { parseFilter } from '../../incident-filter-query';
import { csvRow } from './csv';
import {
  EXPORT_COLUMNS,
  exportFileName,
  formatLocalTime,
  isLocalTime,
  type LocalTime,
} from './incident-export-columns';

/** Validates the filter; the export (audited) yields the rows as the user may see them. */
function exportedIncidents(
  deps: AppDeps,
  req: FastifyRequest,
  format: 'csv' | 'xlsx',
): Promise<AsyncIterable<Incident>> {
  const user = staffOf(req);
  const query = req.query as Record<string, unknown>;
  const filter = parseFilter(query, user.role);
  return exportIncidents(deps.db, user, { filter, query, format, timezone: deps.config.TIMEZONE });
}

/** Excel has no time zones: the cell holds the local wall-clock time, written as if it were UTC. */
function excelDate(t: LocalTime): Date {
  return new Date(Date.parse(`${t.date}T00:00:00Z`) + t.minute * 60000);
}

async function writeWorkbook(incidents: AsyncIterable<Incident>, timeZone: string, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Halo Kesbang';
  const sheet = workbook.addWorksheet('Insiden', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c, n) => ({
    header: c.header,
    key: String(n),
    width: c.width,
    style: c.header === 'Diterima' || c.header === 'Waktu kejadian' ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  for await (const incident of incidents) {
    const values = EXPORT_COLUMNS.map((c) => {
      const v = c.value(incident, timeZone);
      return isLocalTime(v) ? excelDate(v) : v;
    });
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
}

export async function incidentExportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const tz = deps.config.TIMEZONE;

  app.get('/api/incidents.csv', { preHandler: anyStaff }, async (req, reply) => {
    const incidents = await exportedIncidents(deps, req, 'csv');
    async function* lines(): AsyncGenerator<string> {
      yield `\uFEFF${csvRow(EXPORT_COLUMNS.map((c) => c.header))}`;
      for await (const incident of incidents) {
        yield csvRow(
          EXPORT_COLUMNS.map((c) => {
            const v = c.value(incident, tz);
            return isLocalTime(v) ? formatLocalTime(v) : v;
          }),
        );
      }
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName('csv', tz)}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });

  app.get('/api/incidents.xlsx', { preHandler: anyStaff }, async (req, reply) => {
    const incidents = await exportedIncidents(deps, req, 'xlsx');
    const out = new PassThrough();
    writeWorkbook(incidents, tz, out).catch((err: Error) => {
      req.log.error({ err: { message: err.message } }, 'xlsx export failed');
      out.destroy(err);
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${exportFileName('xlsx', tz)}"`)
      .header('cache-control', 'no-store')
      .send(out);
  });
}

/**
 * The exports as an office worker opens them: the CSV in Excel (Indonesian locale: semicolons, BOM, local time,
 * Indonesian headers and labels) and the Excel file read back with exceljs (real dates, widths, same filters, masked
 * for viewers).
 */
import ExcelJS from 'exceljs';
import { bearer, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
let miras: string;

beforeAll(async () => {
  ws = await startWorkspace('exports');
  // 13:05 UTC is 21:05 in Palopo (WITA, UTC+8).
  miras = await ws.ingest({
    text: 'Ada pesta miras di lorong dekat pasar Kel. Balandai; warga resah',
    from: '+6285211112222',
    receivedAt: '2026-05-12T13:05:00.000Z',
  });
  await ws.ingest({
    text: 'Info ada demo mahasiswa besok di depan kantor DPRD Palopo',
    from: '+6285298765432',
    receivedAt: '2026-05-13T02:00:00.000Z',
  });
  await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${miras}`,
    headers: bearer(ws, 'operator'),
    payload: { status: 'verified' },
  });
});
afterAll(async () => ws?.close());

function parseCsv(text: string): string[][] {
  // The test's own small reader: semicolon-separated, quoted fields with doubled quotes, CRLF records.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

test('CSV: BOM, semicolons, Indonesian headers and labels, local time, a dated file name', async () => {
  const res = await ws.app.inject({ url: '/api/incidents.csv', headers: bearer(ws, 'operator') });
  expect(res.statusCode).toBe(200);
  expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="insiden-\d{4}-\d{2}-\d{2}\.csv"$/);
  const [header, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, ''));
  expect(header!.slice(0, 6)).toEqual(['Kode', 'Diterima', 'Status', 'Prioritas', 'Kategori', 'Kanal']);
  expect(rows).toHaveLength(2);
  const row = rows.find((r) => r[header!.indexOf('Nomor')] === miras)!;
  const cell = (name: string) => row[header!.indexOf(name)];
  expect(cell('Diterima')).toBe('2026-05-12 21:05');
  expect(cell('Status')).toBe('Terverifikasi');
  expect(cell('Kanal')).toBe('SMS');
  expect(cell('Kategori')).toBe('Penyakit masyarakat');
  expect(cell('Kelurahan')).toBe('Balandai');
  expect(cell('Telepon pelapor')).toBe('+6285211112222');
  expect(cell('Ringkasan')).toContain('Balandai; warga resah');
});

test('CSV as a viewer: reporters masked', async () => {
  const res = await ws.app.inject({ url: '/api/incidents.csv', headers: bearer(ws, 'viewer') });
  expect(res.body).not.toMatch(/\+62\d{9,}/);
  expect(res.body).toContain('+62852****2222');
});

async function readXlsx(role: 'operator' | 'viewer', query = ''): Promise<ExcelJS.Worksheet> {
  const res = await ws.app.inject({ url: `/api/incidents.xlsx${query}`, headers: bearer(ws, role) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toMatch(/filename="insiden-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Insiden');
  if (!sheet) throw new Error('no sheet "Insiden"');
  return sheet;
}

test('Excel: Indonesian headers, real dates in local time, column widths, same filters', async () => {
  const sheet = await readXlsx('operator', '?status=verified');
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 3)).toEqual(['Kode', 'Diterima', 'Status']);
  expect(sheet.rowCount).toBe(2); // the filter: only the verified one
  const received = sheet.getRow(2).getCell(header.indexOf('Diterima') + 1);
  expect(received.value).toBeInstanceOf(Date);
  // Excel has no zones: the cell shows the wall-clock time in Palopo.
  expect((received.value as Date).toISOString()).toBe('2026-05-12T21:05:00.000Z');
  expect(received.numFmt).toBe('dd/mm/yyyy hh:mm');
  expect(sheet.getRow(2).getCell(header.indexOf('Status') + 1).value).toBe('Terverifikasi');
  expect(sheet.getColumn(header.indexOf('Judul') + 1).width).toBeGreaterThanOrEqual(30);
  expect(sheet.getColumn(1).width).toBeGreaterThan(8);
});

test('Excel as a viewer: reporters masked; a bad filter is a 400 in Bahasa Indonesia', async () => {
  const sheet = await readXlsx('viewer');
  const text = JSON.stringify(sheet.getSheetValues());
  expect(text).not.toMatch(/\+62\d{9,}/);
  expect(text).toContain('+62852****2222');
  const bad = await ws.app.inject({ url: '/api/incidents.xlsx?status=open', headers: bearer(ws, 'viewer') });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toMatch(/tidak dikenal/);
});

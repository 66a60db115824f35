/**
 * The office's list of RT/RW heads as a spreadsheet saved as CSV → reporters to register, row by row. Columns by
 * header (Indonesian or English): nama/name, hp/telepon/phone, peran/role, kelurahan, rt, rw. Comma or semicolon
 * (Excel in Indonesian saves with ";"), UTF-8 with or without BOM. A bad row is reported with its line; the others go in.
 */
import { parse } from 'csv-parse/sync';
import type { NewReporter } from '../db/repos/reporters';
import type { Gazetteer } from '../normalize/gazetteer';
import { parseReporterInput, type ReporterFields } from './reporter-input';

const HEADERS: Record<string, keyof ReporterFields> = {
  nama: 'name',
  name: 'name',
  hp: 'phone',
  'no hp': 'phone',
  telepon: 'phone',
  phone: 'phone',
  peran: 'role',
  jabatan: 'role',
  role: 'role',
  kelurahan: 'kelurahan',
  rt: 'rt',
  rw: 'rw',
};

export interface CsvRows {
  reporters: { line: number; reporter: NewReporter }[];
  errors: { line: number; error: string }[];
}

export function readReporterCsv(text: string, gazetteer: Gazetteer): CsvRows {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (err) {
    return { reporters: [], errors: [{ line: 0, error: `berkas CSV tidak terbaca: ${(err as Error).message}` }] };
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map((h) => HEADERS[h.toLowerCase()]);
  const missing = (['name', 'phone', 'role', 'kelurahan'] as const).filter((c) => !columns.includes(c));
  if (missing.length)
    return { reporters: [], errors: [{ line: 1, error: `kolom wajib tidak ada: ${missing.join(', ')}` }] };
  const out: CsvRows = { reporters: [], errors: [] };
  rows.forEach((row, i) => {
    const fields: ReporterFields = {};
    columns.forEach((column, c) => {
      if (column) fields[column] = row[c] ?? '';
    });
    const parsed = parseReporterInput(fields, gazetteer);
    // Line numbers as a spreadsheet shows them: the header is line 1.
    if (parsed.ok) out.reporters.push({ line: i + 2, reporter: parsed.reporter });
    else out.errors.push({ line: i + 2, error: parsed.error });
  });
  return out;
}

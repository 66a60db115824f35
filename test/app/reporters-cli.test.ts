/**
 * `halo reporters import FILE` against a test database: an office spreadsheet saved by Excel in Indonesian (";",
 * BOM, "02"-style RT) goes in; a bad row is reported with its line and skipped; importing again updates by phone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/reporters-command';
import { listReporters } from '../../src/db/repos/reporters';
import { runCaptured } from '../helpers/cli-capture';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), 'halo-reporters-'));

beforeAll(async () => {
  database = await createTestDatabase('reporters_cli');
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const halo = (...args: string[]) => runCaptured(run, args);

test('imports an office spreadsheet, reports bad rows by line, updates by phone on a second import', async () => {
  const file = path.join(dir, 'ketua-rt.csv');
  writeFileSync(
    file,
    '\uFEFFNama;No HP;Peran;Kelurahan;RT;RW\r\n' +
      'Andi Baso;0813 5550 1234;Ketua RT;Ponjalae;02;01\r\n' +
      'Hj. Rosmini;081355507777;ketua_rw;Kel. Balandai;;03\r\n' +
      '"Kantor Lurah; Ammasangan";0471-21000;lurah;Ammasangan;;\r\n' +
      'Tanpa Nomor;;fkdm;Ponjalae;;\r\n',
  );
  const first = await halo('import', file);
  expect(first.stderr).toBe('baris 5: nomor HP tidak dikenali (mis. 0812 3456 7890)\n');
  expect(JSON.parse(first.stdout)).toEqual({ created: 3, updated: 0, skipped: 1 });
  expect(first.status).toBe(1);
  const stored = await listReporters(database.db);
  expect(stored.map((r) => r.label).sort()).toEqual([
    'Kantor Lurah Ammasangan',
    'Ketua RT 02/RW 01 Ponjalae',
    'Ketua RW 03 Balandai',
  ]);
  expect(stored.find((r) => r.role === 'lurah')?.name).toBe('Kantor Lurah; Ammasangan');

  writeFileSync(file, 'name,phone,role,kelurahan,rt,rw\n"Andi Baso, S.Pd",+6281355501234,ketua_rt,Ponjalae,3,1\n');
  const second = await halo('import', file);
  expect(second.status).toBe(0);
  expect(JSON.parse(second.stdout)).toEqual({ created: 0, updated: 1, skipped: 0 });
  expect((await listReporters(database.db)).find((r) => r.phone === '+6281355501234')?.label).toBe(
    'Ketua RT 03/RW 01 Ponjalae',
  );

  expect((await halo('import')).status).toBe(2);
  expect((await halo('import', path.join(dir, 'nope.csv'))).stderr).toContain('ENOENT');
  const noHeader = path.join(dir, 'bad.csv');
  writeFileSync(noHeader, 'a,b\n1,2\n');
  expect((await halo('import', noHeader)).stderr).toContain('kolom wajib tidak ada: name, phone, role, kelurahan');
});

/**
 * Loads the gazetteer of one kota/kabupaten from the CSV files shipped by the `idn-area-data` package. This is the
 * only IO of the normalizer and lives apart from the pure code. We read the CSV files directly: the package's own
 * code is ESM for Node 22 and would not load here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGazetteer, type Gazetteer, type GazetteerArea, type GazetteerVillage } from './gazetteer';

const cache = new Map<string, Gazetteer>();

/**
 * Parses RFC 4180 CSV: quoted fields, doubled quotes inside them ("Soka""an"), commas inside quotes, CRLF or LF.
 * Returns the rows as arrays of fields, header included.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The folder of idn-area-data's CSV files. */
export function idnAreaDataDir(): string {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/** Only the lines whose code starts with `prefix` (cheap pre-filter before the real CSV parse). */
function linesStartingWith(file: string, prefix: string): string {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const at = text.indexOf(`\n${prefix}`, pos);
    if (at === -1) break;
    const eol = text.indexOf('\n', at + 1);
    out.push(text.slice(at + 1, eol === -1 ? text.length : eol).replace(/\r$/, ''));
    if (eol === -1) break;
    pos = eol;
  }
  return out.join('\n');
}

/**
 * The gazetteer of `regionCode` (Kemendagri code of a kota/kabupaten, "73.73" = Kota Palopo), built once per
 * region and cached. Throws when the code is malformed or names no region.
 */
export function loadGazetteer(regionCode: string, dataDir: string = idnAreaDataDir()): Gazetteer {
  const code = regionCode.trim();
  const cacheKey = `${dataDir}|${code}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  if (!/^\d{2}\.\d{2}$/.test(code))
    throw new Error(`gazetteer: REGION_CODE must look like "73.73", got "${regionCode}"`);
  const kecamatan: GazetteerArea[] = [];
  for (const [c, parent, name] of parseCsv(linesStartingWith(path.join(dataDir, 'districts.csv'), `${code}.`))) {
    if (c && parent === code && name) kecamatan.push({ code: c, name: name.trim() });
  }
  if (kecamatan.length === 0) throw new Error(`gazetteer: no kecamatan for REGION_CODE ${code}`);
  const kecCodes = new Set(kecamatan.map((k) => k.code));
  const kelurahan: GazetteerVillage[] = [];
  for (const [c, parent, name] of parseCsv(linesStartingWith(path.join(dataDir, 'villages.csv'), `${code}.`))) {
    if (c && parent && name && kecCodes.has(parent))
      kelurahan.push({ code: c, kecamatanCode: parent, name: name.trim() });
  }
  let regionName: string | null = null;
  for (const [c, , name] of parseCsv(linesStartingWith(path.join(dataDir, 'regencies.csv'), `${code},`))) {
    if (c === code && name) regionName = name.trim();
  }
  const gaz = buildGazetteer({ regionCode: code, regionName, kecamatan, kelurahan });
  cache.set(cacheKey, gaz);
  return gaz;
}

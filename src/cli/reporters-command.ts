/**
 * `halo reporters import FILE`: registers (or updates, by phone) the reporters of a CSV file; `halo reporters list`
 * prints them, one JSON line each. Rows with errors are reported on stderr with their line and skipped.
 */
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config';
import { writeAudit } from '../db/repos/audit-log';
import { listReporters, upsertReporter } from '../db/repos/reporters';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import { readReporterCsv } from '../reporters/reporter-csv';
import { withDatabase } from './cli-database';

const USAGE = 'usage: halo reporters import FILE.csv\n       halo reporters list\n';

export async function run(args: string[]): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub === 'list' && !file) {
    for (const r of await withDatabase((db) => listReporters(db))) process.stdout.write(`${JSON.stringify(r)}\n`);
    return 0;
  }
  if (sub !== 'import' || !file || rest.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    process.stderr.write(`halo reporters: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return 2;
  }
  const { reporters, errors } = readReporterCsv(text, loadGazetteer(loadConfig().REGION_CODE));
  for (const e of errors) process.stderr.write(`baris ${e.line}: ${e.error}\n`);
  const counts = await withDatabase((db) =>
    db.transaction().execute(async (trx) => {
      let created = 0;
      let updated = 0;
      for (const { reporter } of reporters) {
        if ((await upsertReporter(trx, reporter)).created) created++;
        else updated++;
      }
      await writeAudit(trx, { userId: null, action: 'reporters.import', details: { created, updated, via: 'cli' } });
      return { created, updated };
    }),
  );
  process.stdout.write(`${JSON.stringify({ ...counts, skipped: errors.length })}\n`);
  return errors.length ? 1 : 0;
}

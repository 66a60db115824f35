/**
 * `halo learn [--json] [--last]`: runs today's rules on the corrections staff made (labelled_examples) and prints,
 * per field, where they disagree and the words those messages share, most frequent first. `--last` prints the
 * nightly job's latest report instead.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { latestLearningReport } from '../db/repos/labelled-examples';
import { type CorrectionReport, formatCorrectionReport } from '../learning/correction-report';
import { evaluateStoredCorrections } from '../learning/learning-run';
import { withDatabase } from './cli-database';

export async function run(args: string[]): Promise<number> {
  let values: { json?: boolean; last?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, last: { type: 'boolean', default: false } },
    }));
  } catch (err) {
    process.stderr.write(`learn: ${(err as Error).message}\n`);
    return 2;
  }
  const config = loadConfig();
  return withDatabase(async (db) => {
    let examples: number;
    let report: CorrectionReport;
    let heading: string;
    if (values.last) {
      const last = await latestLearningReport(db);
      if (!last) {
        process.stderr.write('learn: the nightly job has not written a report yet\n');
        return 1;
      }
      examples = last.examples;
      report = last.report as unknown as CorrectionReport;
      heading = `Laporan malam ${last.createdAt.toISOString()}`;
    } else {
      ({ examples, report } = await evaluateStoredCorrections(db, {
        regionCode: config.REGION_CODE,
        timezone: config.TIMEZONE,
      }));
      heading = 'Aturan sekarang pada koreksi petugas';
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ examples, report })}\n`);
    else process.stdout.write(`${heading}: ${examples} contoh\n${formatCorrectionReport(report)}`);
    return 0;
  });
}

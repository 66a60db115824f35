/**
 * The learning loop's IO: loads the stored corrections, runs today's rules on them and (nightly) keeps the report.
 * Logs carry counts only: the words come from reporters' messages and never reach a log.
 */
import type { NormalizeInput } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import { type LabelledExample, listLabelledExamples, saveLearningReport } from '../db/repos/labelled-examples';
import type { Logger } from '../logger';
import { normalize } from '../normalize';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import { type CorrectionReport, correctionReport } from './correction-report';

const READ_AS: ReadonlySet<string> = new Set(['sms', 'whatsapp', 'email']);

/** Reads an example as the normalizer would read a new message of its channel. */
export function exampleReader(regionCode: string, timezone: string) {
  const ctx = { gazetteer: loadGazetteer(regionCode), timezone };
  return (e: LabelledExample) =>
    normalize(
      {
        // Channels the normalizer has no rules of its own for (a report taken by phone) read like an SMS.
        channel: (READ_AS.has(e.channel) ? e.channel : 'sms') as NormalizeInput['channel'],
        from: '',
        subject: null,
        text: e.text,
        receivedAt: e.correctedAt.toISOString(),
      },
      ctx,
    );
}

export async function evaluateStoredCorrections(
  db: DbOrTrx,
  opts: { regionCode: string; timezone: string },
): Promise<{ examples: number; report: CorrectionReport }> {
  const examples = await listLabelledExamples(db);
  return {
    examples: examples.length,
    report: correctionReport(examples, exampleReader(opts.regionCode, opts.timezone)),
  };
}

/** The nightly job: evaluates and keeps the report for `halo learn --last`. */
export async function runLearningReport(
  db: DbOrTrx,
  opts: { regionCode: string; timezone: string; logger: Logger },
): Promise<number> {
  const { examples, report } = await evaluateStoredCorrections(db, opts);
  await saveLearningReport(db, examples, report);
  opts.logger.info(
    {
      examples,
      categoryDisagreements: report.category.examples - report.category.agree,
      priorityDisagreements: report.priority.examples - report.priority.agree,
    },
    'learning: corrections evaluated',
  );
  return examples;
}

/** labelled_examples and learning_reports (sql/012): staff corrections kept as labelled examples, and the nightly report. */
import type { DbOrTrx } from '../connection';

export type CorrectedField = 'category' | 'priority';

export interface LabelledExample {
  incidentId: string;
  field: CorrectedField;
  channel: string;
  text: string;
  machineValue: string | null;
  correctedValue: string | null;
  correctedAt: Date;
}

/**
 * The text the normalizer read for an incident: the first message's subject (email) and the first inbound
 * message of its thread. Null when the thread has no inbound message (never expected, but then there is nothing
 * to learn from).
 */
export async function incidentReadText(db: DbOrTrx, incidentId: string): Promise<string | null> {
  const first = await db
    .selectFrom('incident_messages as m')
    .leftJoin('raw_messages as r', 'r.id', 'm.raw_message_id')
    .select(['m.body', 'r.subject'])
    .where('m.incident_id', '=', incidentId)
    .where('m.direction', '=', 'in')
    .orderBy('m.at')
    .orderBy('m.id')
    .limit(1)
    .executeTakeFirst();
  if (!first) return null;
  return first.subject ? `${first.subject}\n${first.body}` : first.body;
}

/** Keeps (or replaces) the labelled example of one incident and field. */
export async function saveLabelledExample(
  db: DbOrTrx,
  e: Omit<LabelledExample, 'correctedAt'> & { correctedBy: string | null },
): Promise<void> {
  const row = {
    incident_id: e.incidentId,
    field: e.field,
    channel: e.channel,
    text: e.text,
    machine_value: e.machineValue,
    corrected_value: e.correctedValue,
    corrected_by: e.correctedBy,
    corrected_at: new Date(),
  };
  await db
    .insertInto('labelled_examples')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['incident_id', 'field']).doUpdateSet({
        text: row.text,
        machine_value: row.machine_value,
        corrected_value: row.corrected_value,
        corrected_by: row.corrected_by,
        corrected_at: row.corrected_at,
      }),
    )
    .execute();
}

/** Every stored example, oldest first. */
export async function listLabelledExamples(db: DbOrTrx): Promise<LabelledExample[]> {
  const rows = await db
    .selectFrom('labelled_examples')
    .select(['incident_id', 'field', 'channel', 'text', 'machine_value', 'corrected_value', 'corrected_at'])
    .orderBy('corrected_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    field: r.field,
    channel: r.channel,
    text: r.text,
    machineValue: r.machine_value,
    correctedValue: r.corrected_value,
    correctedAt: r.corrected_at,
  }));
}

export async function saveLearningReport(db: DbOrTrx, examples: number, report: object): Promise<void> {
  await db
    .insertInto('learning_reports')
    .values({ examples, report: JSON.stringify(report) })
    .execute();
}

export async function latestLearningReport(
  db: DbOrTrx,
): Promise<{ createdAt: Date; examples: number; report: Record<string, unknown> } | null> {
  const row = await db
    .selectFrom('learning_reports')
    .select(['created_at', 'examples', 'report'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at, examples: row.examples, report: row.report } : null;
}

/**
 * PATCH of an incident: status (workflow), category, priority, assignee, location, duplicate decision. One
 * transaction: the row, its history and the audit entry. Corrections are recorded by group in `corrections`, apart
 * from the machine's reading, so that `halo replay` never overwrites them (src/processors/incident-fields.ts).
 */
import { z } from 'zod';
import { DomainError } from '../core/domain-error';
import type { IncidentStatus } from '../core/incident';
import { INCIDENT_STATUSES, STATUS_LABELS } from '../core/incident';
import { CATEGORIES, PRIORITIES } from '../core/normalized-message';
import type { Db, DbOrTrx } from '../db/connection';
import type { IncidentUpdate } from '../db/database';
import { writeAudit } from '../db/repos/audit-log';
import { addHistory, type HistoryKind } from '../db/repos/incident-history';
import { findIncidentById, lockIncident, updateIncidentFields } from '../db/repos/incidents';
import { type CorrectedField, incidentReadText, saveLabelledExample } from '../db/repos/labelled-examples';
import { findActiveUser, type StaffUser } from '../db/repos/users';
import type { Gazetteer } from '../normalize/gazetteer';
import { canMove } from './status-workflow';

export const rtRw = z
  .union([z.string(), z.number()])
  .nullable()
  .transform((v, ctx) => {
    if (v === null || String(v).trim() === '') return null;
    const s = String(v).trim();
    if (!/^\d{1,3}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'expected a number of 1 to 3 digits' });
      return z.NEVER;
    }
    return String(Number(s));
  });

export const incidentChangeSchema = z
  .object({
    status: z.enum(INCIDENT_STATUSES).optional(),
    category: z.enum(CATEGORIES).nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    assigneeId: z
      .union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()])
      .nullable()
      .optional(),
    location: z
      .object({
        kelurahanCode: z.string().nullable().optional(),
        rt: rtRw.optional(),
        rw: rtRw.optional(),
        street: z.string().max(200).nullable().optional(),
      })
      .strict()
      .optional(),
    duplicateOf: z
      .union([z.string().regex(/^\d{1,18}$/), z.number().int().positive()])
      .nullable()
      .optional(),
  })
  .strict();

export type IncidentChange = z.infer<typeof incidentChangeSchema>;

/**
 * Applies a change; returns the kinds of what changed (empty when nothing did). `afterChange` runs in the same
 * transaction once something changed (the follow-up recomputes deadlines and raises alerts there).
 */
export async function changeIncident(
  db: Db,
  gazetteer: Gazetteer,
  incidentId: string,
  change: IncidentChange,
  user: StaffUser,
  afterChange?: (trx: DbOrTrx, kinds: HistoryKind[]) => Promise<void>,
): Promise<HistoryKind[]> {
  return db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, incidentId);
    if (!row) throw new DomainError('not_found', 'not_found', 'Insiden tidak ditemukan.');
    const update: IncidentUpdate = {};
    const corrections: Record<string, unknown> = { ...row.corrections };
    const history: { kind: HistoryKind; from: unknown; to: unknown }[] = [];
    const correction = { by: user.id, at: new Date().toISOString() };

    if (change.status !== undefined && change.status !== row.status) {
      if (!canMove(row.status, change.status)) {
        throw new DomainError(
          'conflict',
          'invalid_transition',
          `Status tidak bisa diubah dari ${STATUS_LABELS[row.status]} ke ${STATUS_LABELS[change.status]}.`,
        );
      }
      update.status = change.status as IncidentStatus;
      history.push({ kind: 'status', from: row.status, to: change.status });
    }
    if (change.category !== undefined && change.category !== row.category) {
      update.category = change.category;
      update.category_confidence = 1;
      corrections.category = { ...correction, value: change.category };
      history.push({ kind: 'correction.category', from: row.category, to: change.category });
    }
    if (change.priority !== undefined && change.priority !== row.priority) {
      update.priority = change.priority;
      corrections.priority = { ...correction, value: change.priority };
      history.push({ kind: 'correction.priority', from: row.priority, to: change.priority });
    }
    if (change.assigneeId !== undefined && String(change.assigneeId ?? '') !== (row.assignee_id ?? '')) {
      const assigneeId = change.assigneeId === null ? null : String(change.assigneeId);
      if (assigneeId) {
        const assignee = await findActiveUser(trx, assigneeId);
        if (!assignee || assignee.role === 'viewer') {
          throw new DomainError('invalid', 'bad_assignee', 'assigneeId: petugas harus operator atau admin yang aktif');
        }
      }
      update.assignee_id = assigneeId;
      history.push({ kind: 'assignment', from: row.assignee_id, to: assigneeId });
    }
    if (change.location) {
      const before = { kelurahanCode: row.kelurahan_code, rt: row.rt, rw: row.rw, street: row.street };
      const loc = { ...before, ...change.location };
      const fields = locationFields(gazetteer, loc.kelurahanCode ?? null);
      const after = {
        kelurahanCode: loc.kelurahanCode ?? null,
        rt: loc.rt ?? null,
        rw: loc.rw ?? null,
        street: loc.street ?? null,
      };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        Object.assign(update, fields, { rt: after.rt, rw: after.rw, street: after.street?.trim() || null });
        corrections.location = { ...correction, value: after };
        history.push({ kind: 'correction.location', from: before, to: after });
      }
    }
    if (change.duplicateOf !== undefined) {
      const target = change.duplicateOf === null ? null : String(change.duplicateOf);
      if (target === incidentId)
        throw new DomainError('conflict', 'invalid_duplicate', 'Insiden tidak bisa menjadi duplikat dirinya sendiri.');
      if (target) {
        const other = await findIncidentById(trx, target);
        if (!other) throw new DomainError('invalid', 'bad_duplicate', 'duplicateOf: insiden tidak ditemukan');
        if (other.duplicate_of)
          throw new DomainError(
            'conflict',
            'invalid_duplicate',
            'Insiden itu sendiri adalah duplikat; pilih insiden aslinya.',
          );
      }
      if (target !== row.duplicate_of || row.possible_duplicate_of !== null) {
        update.duplicate_of = target;
        // Confirmed or dismissed: either way the suggestion has been answered.
        update.possible_duplicate_of = null;
        history.push({
          kind: 'duplicate',
          from: { duplicateOf: row.duplicate_of, suggested: row.possible_duplicate_of },
          to: { duplicateOf: target, decision: target ? 'confirmed' : 'dismissed' },
        });
      }
    }

    if (history.length === 0) return [];
    await updateIncidentFields(trx, incidentId, { ...update, corrections: JSON.stringify(corrections) });
    for (const h of history) await addHistory(trx, { incidentId, userId: user.id, ...h });
    const corrected = history.flatMap((h) =>
      h.kind === 'correction.category'
        ? ['category' as const]
        : h.kind === 'correction.priority'
          ? ['priority' as const]
          : [],
    );
    if (corrected.length > 0) await keepAsLabelledExamples(trx, row, corrected, user.id);
    await writeAudit(trx, {
      userId: user.id,
      action: 'incident.change',
      incidentId,
      details: { changes: history.map((h) => ({ kind: h.kind, from: h.from, to: h.to })) },
    });
    const kinds = history.map((h) => h.kind);
    await afterChange?.(trx, kinds);
    return kinds;
  });
}

/**
 * A corrected category or priority becomes a labelled example (the text the normalizer read, what it said, what
 * staff say), so that `halo learn` can show where the rules and this office disagree.
 */
async function keepAsLabelledExamples(
  trx: DbOrTrx,
  row: { id: string; channel: string; machine: Record<string, unknown>; category: string | null; priority: string },
  fields: CorrectedField[],
  userId: string,
): Promise<void> {
  const text = await incidentReadText(trx, row.id);
  if (text === null) return;
  const after = await findIncidentById(trx, row.id);
  if (!after) throw new Error(`labelled examples: incident ${row.id} vanished inside its own transaction`);
  for (const field of fields) {
    const machine = row.machine[field];
    await saveLabelledExample(trx, {
      incidentId: row.id,
      field,
      channel: row.channel,
      text,
      machineValue: typeof machine === 'string' ? machine : null,
      correctedValue: after[field],
      correctedBy: userId,
    });
  }
}

/** kelurahan and kecamatan names and codes from the gazetteer (its official spelling). */
export function locationFields(gazetteer: Gazetteer, kelurahanCode: string | null): IncidentUpdate {
  if (!kelurahanCode) return { kelurahan: null, kelurahan_code: null, kecamatan: null, kecamatan_code: null };
  const village = gazetteer.kelurahan.find((k) => k.code === kelurahanCode);
  if (!village)
    throw new DomainError(
      'invalid',
      'bad_location',
      `location.kelurahanCode: kode kelurahan ${kelurahanCode} tidak dikenal`,
    );
  const kecamatan = gazetteer.kecamatanByCode.get(village.kecamatanCode);
  return {
    kelurahan: village.name,
    kelurahan_code: village.code,
    kecamatan: kecamatan?.name ?? null,
    kecamatan_code: village.kecamatanCode,
  };
}

/**
 * The zod schemas the OpenAPI description shows for what the JSON API answers: shared shapes (errors, paging, the
 * incident) and the answers of each area. Request bodies use the very schemas the routes validate with.
 */
import { z } from 'zod';
import { CHANNELS } from '../../core/channel';
import { INCIDENT_STATUSES } from '../../core/incident';
import { CATEGORIES, PRIORITIES } from '../../core/normalized-message';
import { WEBHOOK_EVENTS } from '../../integrations/webhook-events';

export const id = z
  .string()
  .regex(/^\d{1,18}$/)
  .describe('bigint id as a string');
const isoTime = z.string().describe('ISO 8601 instant');

export const errorAnswer = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: 'Error', description: 'Every error answer of /api: a stable code and a message.' });

export const pageQuery = z.object({
  limit: z.string().regex(/^\d+$/).optional().describe('1–200, default 50'),
  cursor: id.optional().describe('nextCursor of the previous page'),
});

/** A keyset page: `nextCursor` is null on the last page. */
export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: id.nullable() });
}

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const staffUser = z
  .object({ id, email: z.string(), name: z.string(), role: z.enum(['admin', 'operator', 'viewer']) })
  .meta({ id: 'StaffUser' });

export const incident = z
  .object({
    id,
    reference: z.string().describe('HK-XXXXXX'),
    status: z.enum(INCIDENT_STATUSES),
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES).nullable(),
    priority: z.enum(PRIORITIES),
    title: z.string(),
    summary: z.string(),
    location: z.object({
      kecamatan: z.string().nullable(),
      kecamatanCode: z.string().nullable(),
      kelurahan: z.string().nullable(),
      kelurahanCode: z.string().nullable(),
      rt: z.string().nullable(),
      rw: z.string().nullable(),
      street: z.string().nullable(),
      text: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    }),
    occurredAt: isoTime.nullable(),
    receivedAt: isoTime,
    reporter: z
      .object({
        name: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        registered: z.string().nullable().describe('a registered reporter: "Ketua RT 02/RW 01 Ponjalae"'),
      })
      .describe('masked for the viewer role'),
    messageCount: z.number().int(),
    assignee: z.object({ id, name: z.string() }).nullable(),
    possibleDuplicateOf: id.nullable(),
    dueAt: isoTime.nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Incident' });

export const incidentDetail = incident
  .extend({
    duplicateOf: id.nullable(),
    keywords: z.array(z.string()),
    locationText: z.string().nullable(),
    corrections: z.record(z.string(), z.unknown()),
    machine: z.record(z.string(), z.unknown()),
    reasons: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('the words that decided the reading, per field (docs/normalizer.md)'),
    messages: z.array(
      z.looseObject({
        id: z.string().describe('thread message id, or `out-<id>` for an outbox row shown in the thread'),
        direction: z.enum(['in', 'out']),
        channel: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        body: z.string(),
        html: z.string().nullable().describe('sanitized email HTML; null for viewers'),
        at: isoTime,
        deliveryState: z.string().nullable(),
        purpose: z.string().nullable(),
        attachments: z.array(z.looseObject({ id })),
      }),
    ),
    notes: z.array(
      z.object({ id, at: isoTime, text: z.string(), user: z.object({ id, name: z.string() }).nullable() }),
    ),
    history: z.array(z.looseObject({ id, kind: z.string() })),
    forwards: z.array(z.looseObject({ id })),
    followUp: z.looseObject({
      acknowledgedAt: isoTime.nullable(),
      acknowledgedBy: z.string().nullable(),
      alerts: z.array(z.looseObject({ level: z.number().int() })),
      deadlines: z.looseObject({ dueAt: isoTime.nullable() }),
    }),
  })
  .meta({ id: 'IncidentDetail' });

export const stakeholder = z
  .object({
    id,
    name: z.string(),
    agency: z.string(),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    categories: z.array(z.string()),
    kecamatanCodes: z.array(z.string()),
    active: z.boolean(),
  })
  .meta({ id: 'Stakeholder' });

export const dutyEntry = z
  .looseObject({
    id,
    position: z.number().int(),
    name: z.string(),
    phone: z.string().nullable(),
    whatsapp: z.string().nullable(),
    email: z.string().nullable(),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    days: z.array(z.number().int()),
    from: z.string().nullable(),
    to: z.string().nullable(),
    active: z.boolean(),
    exceptions: z.array(z.looseObject({ date: z.string(), onDuty: z.boolean() })),
  })
  .meta({ id: 'DutyEntry' });

export const auditEntry = z
  .object({
    id,
    at: isoTime,
    action: z.string(),
    incidentId: id.nullable(),
    user: z.object({ id, email: z.string().nullable(), name: z.string().nullable() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const deadLetter = z
  .object({
    id: z.string(),
    queue: z.string(),
    jobId: z.string().optional(),
    name: z.string(),
    failedReason: z.string(),
    attemptsMade: z.number().int(),
    failedAt: isoTime.nullable(),
  })
  .meta({ id: 'DeadLetter' });

export const rawMessageSummary = z.object({
  id,
  channel: z.enum(CHANNELS),
  provider: z.string(),
  receivedAt: isoTime,
  from: z.string(),
  subject: z.string().nullable(),
  state: z.enum(['received', 'processed', 'unreadable']),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  size: z.number().int().nullable(),
});

export const webhookSubscription = z
  .object({
    id,
    name: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    trusted: z.boolean().describe('receives reporters’ identities'),
    active: z.boolean(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'WebhookSubscription' });

export const webhookDelivery = z
  .object({
    id,
    eventId: id,
    eventType: z.enum(WEBHOOK_EVENTS),
    state: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: isoTime,
    lastAttemptAt: isoTime.nullable(),
    deliveredAt: isoTime.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const open311Key = z
  .object({ id, name: z.string(), createdAt: isoTime, lastUsedAt: isoTime.nullable(), revokedAt: isoTime.nullable() })
  .meta({ id: 'Open311Key' });

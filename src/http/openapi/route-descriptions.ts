/**
 * The description of every /api route, keyed by `METHOD /path` exactly as the route is registered. Describing a
 * route = one entry here: who may call it, its query and body (the zod schema the route validates with) and its
 * answers. The OpenAPI document (GET /api/openapi.json) is generated from the routes Fastify actually registered,
 * joined with these entries; a registered route without one shows up as undescribed and fails
 * test/http/openapi.test.ts. Errors (400/401/403/404/409) and security are added by the generator.
 */
import { z } from 'zod';
import { INCIDENT_STATUSES } from '../../core/incident';
import { CATEGORIES, PRIORITIES } from '../../core/normalized-message';
import { CHANNELS } from '../../core/raw-message';
import { dutyInputSchema } from '../../follow-up/duty-input';
import { incidentChangeSchema } from '../../workspace/incident-changes';
import { stakeholderBody } from '../api/directory-routes';
import { exceptionBody, forwardBody, stakeholderPatch } from '../api/follow-up-routes';
import { mergeBody, textBody } from '../api/incident-routes';
import { open311KeyBody } from '../api/open311-key-routes';
import { credentials } from '../api/session-routes';
import { webhookCreateBody, webhookPatchBody } from '../api/webhook-routes';
import {
  auditEntry,
  deadLetter,
  dutyEntry,
  id,
  incident,
  incidentDetail,
  itemsOf,
  open311Key,
  paged,
  pageQuery,
  rawMessageSummary,
  staffUser,
  stakeholder,
  webhookDelivery,
  webhookSubscription,
} from './api-schemas';

/** The lowest role that may call a route; `public` needs no sign-in. */
export type RouteAccess = 'public' | 'viewer' | 'operator' | 'admin';

export interface RouteAnswer {
  description: string;
  /** JSON body; absent for 204 and for non-JSON answers. */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteDescription {
  summary: string;
  tag: string;
  access: RouteAccess;
  description?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, RouteAnswer>;
}

const ok = (description: string, schema?: z.ZodType): RouteAnswer => ({ description, schema });
const csv = (s: string) => z.string().optional().describe(`comma-separated: ${s}`);

const incidentQuery = pageQuery.extend({
  status: csv(INCIDENT_STATUSES.join(', ')),
  priority: csv(PRIORITIES.join(', ')),
  category: csv(CATEGORIES.join(', ')),
  channel: csv(CHANNELS.join(', ')),
  kecamatan: csv('kecamatan codes or names'),
  kelurahan: csv('kelurahan codes'),
  assignee: z.string().optional().describe('user id, or "none"'),
  due: z.enum(['overdue', 'due', 'met']).optional(),
  since: z.string().optional().describe('YYYY-MM-DD (whole days in TIMEZONE) or an ISO instant'),
  until: z.string().optional().describe('YYYY-MM-DD (whole days in TIMEZONE) or an ISO instant'),
  q: z.string().optional().describe('full text (websearch syntax)'),
});

const settingsBody = z.record(z.string(), z.unknown()).describe('setting name → value of the type of its default');

export const API_ROUTES: Record<string, RouteDescription> = {
  'GET /api/openapi.json': {
    summary: 'This description (OpenAPI 3.1)',
    tag: 'Dokumentasi',
    access: 'public',
    responses: { 200: ok('the OpenAPI document', z.looseObject({ openapi: z.literal('3.1.0') })) },
  },
  'POST /api/session': {
    summary: 'Log in: sets the session cookie, answers the CSRF token',
    tag: 'Sesi',
    access: 'public',
    description: 'Throttled per client and email (429 rate_limited). Send the token as X-CSRF-Token on every change.',
    body: credentials,
    responses: { 200: ok('signed in', z.object({ user: staffUser, csrfToken: z.string() })) },
  },
  'DELETE /api/session': {
    summary: 'Log out',
    tag: 'Sesi',
    access: 'viewer',
    responses: { 204: ok('signed out') },
  },
  'GET /api/incidents': {
    summary: 'List incidents (filters, full text, keyset paging)',
    tag: 'Insiden',
    access: 'viewer',
    query: incidentQuery,
    responses: { 200: ok('a page of incidents, newest first', paged(incident)) },
  },
  'GET /api/incidents.csv': {
    summary: 'Export the matching incidents as CSV (UTF-8 with BOM, RFC 4180)',
    tag: 'Insiden',
    access: 'viewer',
    query: incidentQuery.omit({ limit: true, cursor: true }),
    responses: { 200: { description: 'every matching incident', contentType: 'text/csv' } },
  },
  'GET /api/incidents/stream': {
    summary: 'Live incident events (Server-Sent Events: event "incident", data = Incident JSON)',
    tag: 'Insiden',
    access: 'viewer',
    responses: { 200: { description: 'an endless event stream', contentType: 'text/event-stream' } },
  },
  'GET /api/incidents/:id': {
    summary: 'One incident with its thread, notes, history, forwards and follow-up',
    tag: 'Insiden',
    access: 'viewer',
    responses: { 200: ok('the incident', incidentDetail) },
  },
  'PATCH /api/incidents/:id': {
    summary: 'Change status, category, priority, assignee, location or duplicate',
    tag: 'Insiden',
    access: 'operator',
    description: 'Status workflow: new → verified → in_progress → resolved; any open → rejected; reopen. Else 409.',
    body: incidentChangeSchema,
    responses: {
      200: ok(
        'what changed, and the incident now',
        z.object({ changed: z.array(z.string()), incident: incidentDetail }),
      ),
    },
  },
  'POST /api/incidents/:id/notes': {
    summary: 'Add an internal note',
    tag: 'Insiden',
    access: 'operator',
    body: textBody,
    responses: { 201: ok('the note', z.object({ id })) },
  },
  'POST /api/incidents/:id/replies': {
    summary: 'Reply to the reporter on the channel they used',
    tag: 'Insiden',
    access: 'operator',
    body: textBody,
    responses: {
      202: ok(
        'queued for sending',
        z.object({ id: id.nullable(), outboundMessageId: id, state: z.literal('pending') }),
      ),
    },
  },
  'POST /api/incidents/:id/merge': {
    summary: 'Merge this incident into another (by id or reference)',
    tag: 'Insiden',
    access: 'operator',
    body: mergeBody,
    responses: { 200: ok('merged', z.object({ merged: id, into: id, messagesMoved: z.number().int() })) },
  },
  'POST /api/incidents/:id/ack': {
    summary: 'Acknowledge the alert (stops the escalation)',
    tag: 'Tindak lanjut',
    access: 'operator',
    responses: {
      200: ok(
        'acknowledged (false: someone did before)',
        z.object({
          acknowledged: z.boolean(),
          acknowledgedAt: z.string().nullable(),
          acknowledgedBy: z.string().nullable(),
        }),
      ),
    },
  },
  'POST /api/incidents/:id/forwards': {
    summary: 'Forward a summary to stakeholders',
    tag: 'Tindak lanjut',
    access: 'operator',
    body: forwardBody,
    responses: { 202: ok('queued', z.object({ ids: z.array(id) })) },
  },
  'GET /api/incidents/:id/stakeholder-suggestions': {
    summary: 'Stakeholders matching the incident’s category and kecamatan',
    tag: 'Tindak lanjut',
    access: 'viewer',
    responses: { 200: ok('suggestions, explicit matches first', itemsOf(z.looseObject({ id }))) },
  },
  'GET /api/users': {
    summary: 'Staff (for assignment)',
    tag: 'Direktori',
    access: 'viewer',
    responses: { 200: ok('staff accounts', itemsOf(z.looseObject({ id, name: z.string() }))) },
  },
  'GET /api/stakeholders': {
    summary: 'The stakeholder directory',
    tag: 'Direktori',
    access: 'viewer',
    responses: { 200: ok('stakeholders', itemsOf(stakeholder)) },
  },
  'POST /api/stakeholders': {
    summary: 'Add a stakeholder',
    tag: 'Direktori',
    access: 'admin',
    body: stakeholderBody,
    responses: { 201: ok('the stakeholder', stakeholder) },
  },
  'PATCH /api/stakeholders/:id': {
    summary: 'Change a stakeholder',
    tag: 'Direktori',
    access: 'admin',
    body: stakeholderPatch,
    responses: { 200: ok('the stakeholder', stakeholder) },
  },
  'GET /api/duty': {
    summary: 'The on-duty roster, in escalation order',
    tag: 'Petugas siaga',
    access: 'viewer',
    responses: { 200: ok('the roster', itemsOf(dutyEntry)) },
  },
  'GET /api/duty/now': {
    summary: 'Who is on duty now',
    tag: 'Petugas siaga',
    access: 'viewer',
    responses: { 200: ok('on duty now', z.object({ at: z.string(), items: z.array(dutyEntry) })) },
  },
  'POST /api/duty': {
    summary: 'Add a person to the roster',
    tag: 'Petugas siaga',
    access: 'admin',
    body: dutyInputSchema,
    responses: { 201: ok('the entry', dutyEntry) },
  },
  'PATCH /api/duty/:id': {
    summary: 'Change a roster entry (also active, position)',
    tag: 'Petugas siaga',
    access: 'admin',
    body: z
      .looseObject({ active: z.boolean().optional(), position: z.number().int().optional() })
      .describe('any field of POST /api/duty, plus active and position'),
    responses: { 200: ok('the entry', dutyEntry) },
  },
  'DELETE /api/duty/:id': {
    summary: 'Take a person off the roster (made inactive)',
    tag: 'Petugas siaga',
    access: 'admin',
    responses: { 200: ok('inactive now', z.object({ id, active: z.literal(false) })) },
  },
  'PUT /api/duty/:id/exceptions/:date': {
    summary: 'Set a dated exception (off that day, or other hours)',
    tag: 'Petugas siaga',
    access: 'admin',
    body: exceptionBody,
    responses: {
      200: ok(
        'the exception',
        z.object({ date: z.string(), onDuty: z.boolean(), from: z.string().nullable(), to: z.string().nullable() }),
      ),
    },
  },
  'DELETE /api/duty/:id/exceptions/:date': {
    summary: 'Remove a dated exception',
    tag: 'Petugas siaga',
    access: 'admin',
    responses: { 200: ok('removed', z.object({ deleted: z.literal(true) })) },
  },
  'GET /api/audit': {
    summary: 'The audit log, newest first',
    tag: 'Admin',
    access: 'admin',
    query: pageQuery,
    responses: { 200: ok('a page of entries', paged(auditEntry)) },
  },
  'GET /api/dead-letters': {
    summary: 'Jobs that failed for good (never their data)',
    tag: 'Admin',
    access: 'admin',
    responses: { 200: ok('failed jobs', itemsOf(deadLetter)) },
  },
  'POST /api/dead-letters/:id/retry': {
    summary: 'Retry a failed job (`<queue>:<jobId>`)',
    tag: 'Admin',
    access: 'admin',
    responses: { 200: ok('retried', z.object({ id: z.string(), retried: z.literal(true) })) },
  },
  'GET /api/messages': {
    summary: 'Raw messages by state (unreadable by default)',
    tag: 'Admin',
    access: 'viewer',
    query: pageQuery.extend({ state: z.enum(['unreadable', 'received', 'processed']).optional() }),
    responses: { 200: ok('a page of messages', paged(rawMessageSummary)) },
  },
  'GET /api/settings': {
    summary: 'Current settings and their defaults',
    tag: 'Admin',
    access: 'admin',
    responses: {
      200: ok(
        'settings',
        z.object({ settings: z.record(z.string(), z.unknown()), defaults: z.record(z.string(), z.unknown()) }),
      ),
    },
  },
  'PUT /api/settings': {
    summary: 'Change settings (known keys, same type as the default)',
    tag: 'Admin',
    access: 'admin',
    body: settingsBody,
    responses: { 200: ok('settings now', z.object({ settings: z.record(z.string(), z.unknown()) })) },
  },
  'GET /api/webhooks': {
    summary: 'Webhook subscriptions (never their secrets)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 200: ok('subscriptions', itemsOf(webhookSubscription)) },
  },
  'POST /api/webhooks': {
    summary: 'Subscribe a partner’s URL to events',
    tag: 'Integrasi',
    access: 'admin',
    description: 'Without `secret` one is generated. The answer is the only time the secret is shown.',
    body: webhookCreateBody,
    responses: { 201: ok('the subscription and its secret', webhookSubscription.extend({ secret: z.string() })) },
  },
  'PATCH /api/webhooks/:id': {
    summary: 'Change a subscription (URL, events, secret, trusted, active)',
    tag: 'Integrasi',
    access: 'admin',
    body: webhookPatchBody,
    responses: { 200: ok('the subscription', webhookSubscription) },
  },
  'DELETE /api/webhooks/:id': {
    summary: 'Delete a subscription (its log is kept)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 204: ok('deleted') },
  },
  'GET /api/webhooks/:id/deliveries': {
    summary: 'A subscription’s delivery log, newest first',
    tag: 'Integrasi',
    access: 'admin',
    query: pageQuery,
    responses: { 200: ok('a page of deliveries', paged(webhookDelivery)) },
  },
  'GET /api/open311/keys': {
    summary: 'Open311 api keys (never the keys themselves)',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 200: ok('keys', itemsOf(open311Key)) },
  },
  'POST /api/open311/keys': {
    summary: 'Issue an api key for an Open311 client system',
    tag: 'Integrasi',
    access: 'admin',
    description: 'The answer is the only time the key is shown; only its SHA-256 is kept.',
    body: open311KeyBody,
    responses: { 201: ok('the key', z.object({ id, name: z.string(), apiKey: z.string() })) },
  },
  'DELETE /api/open311/keys/:id': {
    summary: 'Revoke an Open311 api key',
    tag: 'Integrasi',
    access: 'admin',
    responses: { 204: ok('revoked') },
  },
};

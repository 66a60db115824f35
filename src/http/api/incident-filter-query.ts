/** Turns the list's query string (JSON API, CSV export, workspace page) into a filter; bad values → 400. */
import { INCIDENT_STATUSES } from '../../core/incident';
import { CATEGORIES, PRIORITIES } from '../../core/normalized-message';
import { INBOUND_CHANNELS } from '../../core/raw-message';
import type { IncidentFilter, TimeBound } from '../../db/repos/incident-list';
import { HttpError } from '../http-errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

type Query = Record<string, unknown>;

function str(q: Query, key: string): string | undefined {
  const v = q[key];
  const s = Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : undefined;
  return s?.trim() ? s.trim() : undefined;
}

function list(q: Query, key: string, allowed?: readonly string[]): string[] | undefined {
  const values = str(q, key)
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (!values?.length) return undefined;
  const bad = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
  if (bad !== undefined) throw new HttpError(400, 'bad_filter', `${key}: unknown value "${bad}"`);
  return values;
}

function bound(q: Query, key: string): TimeBound | undefined {
  const v = str(q, key);
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return { kind: 'date', date: v };
  const at = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(at.getTime())) {
    throw new HttpError(400, 'bad_filter', `${key}: expected an ISO date or datetime`);
  }
  return { kind: 'instant', at };
}

export function parseFilter(q: Query): IncidentFilter {
  return {
    status: list(q, 'status', INCIDENT_STATUSES),
    category: list(q, 'category', CATEGORIES),
    kecamatan: list(q, 'kecamatan'),
    channel: list(q, 'channel', INBOUND_CHANNELS),
    priority: list(q, 'priority', PRIORITIES),
    q: str(q, 'q'),
    since: bound(q, 'since'),
    until: bound(q, 'until'),
    due: list(q, 'due', ['overdue', 'due', 'met'])?.[0] as IncidentFilter['due'],
  };
}

export function parsePage(q: Query): { limit: number; cursor: string | null } {
  const rawLimit = str(q, 'limit');
  const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new HttpError(400, 'bad_limit', 'limit: expected a positive integer');
  const cursor = str(q, 'cursor') ?? null;
  if (cursor !== null && !/^\d{1,18}$/.test(cursor)) throw new HttpError(400, 'bad_cursor', 'cursor: not a cursor');
  return { limit: Math.min(limit, MAX_LIMIT), cursor };
}

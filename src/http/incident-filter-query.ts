/** Turns the list's query string (JSON API, CSV export, workspace page) into a filter; bad values → 400. */

import { findEmails, findPhones } from '../auth/identity-scanner';
import { type Role, seesIdentities } from '../auth/masking';
import { CHANNELS } from '../core/channel';
import { INCIDENT_STATUSES } from '../core/incident';
import { CATEGORIES, PRIORITIES } from '../core/normalized-message';
import type { IncidentFilter, TimeBound } from '../db/repos/incident-list';
import { toE164 } from '../shared/phone-number';
import { HttpError } from './http-errors';

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
  if (bad !== undefined) throw new HttpError(400, 'bad_filter', `${key}: nilai "${bad}" tidak dikenal`);
  return values;
}

/** Whether YYYY-MM-DD names a day that exists (Date.parse takes "2025-02-30" and PostgreSQL refuses it). */
function realDate(date: string): boolean {
  const at = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

function bound(q: Query, key: string): TimeBound | undefined {
  const v = str(q, key);
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v) && v >= '1970-01-01' && v <= '9999-12-31') {
    return { kind: 'date', date: v };
  }
  const m = DATETIME.exec(v);
  const at = new Date(v);
  if (!m || !realDate(m[1]!) || Number.isNaN(at.getTime())) {
    throw new HttpError(
      400,
      'bad_filter',
      `${key}: harus tanggal yang ada (YYYY-MM-DD) atau waktu ISO 8601 dengan zona (2025-05-12T08:00:00+08:00)`,
    );
  }
  return { kind: 'instant', at };
}

/** Four digits in a row (ignoring the separators people type) are enough to test a guess at someone's number. */
const DIGITS_OF_A_NUMBER = /\d(?:[\s.()-]{0,2}\d){3}/;

/**
 * Full text as a role may use it. Searching identities is an operator's tool: a viewer's search that names a phone
 * number or an e-mail address (or four digits of one) is refused before it runs, so that its answer can never
 * confirm who reported. Operators' searches that are a phone number or an address also find the reporter's
 * incidents by contact.
 */
function textSearch(q: Query, role: Role): Pick<IncidentFilter, 'q' | 'reporter'> {
  const text = str(q, 'q');
  if (!text) return {};
  if (text.length > 200)
    throw new HttpError(400, 'bad_filter', 'q: pencarian terlalu panjang (paling banyak 200 karakter)');
  if (!seesIdentities(role)) {
    if (text.includes('@') || DIGITS_OF_A_NUMBER.test(text)) {
      throw new HttpError(
        400,
        'bad_filter',
        'q: pencarian nomor telepon atau alamat email hanya untuk operator; peran pemantau tidak dapat mencarinya',
      );
    }
    return { q: text };
  }
  const email = findEmails(text)[0];
  if (email && email.start === 0 && email.end === text.length)
    return { q: text, reporter: { email: text.toLowerCase() } };
  const phone = findPhones(text)[0];
  const e164 = phone && phone.start === 0 && phone.end === text.length ? toE164(phone.compact) : null;
  return e164 ? { q: text, reporter: { phone: e164 } } : { q: text };
}

/** The list's filters from a query string, for the role that asks (it decides what full text may search). */
export function parseFilter(q: Query, role: Role): IncidentFilter {
  return {
    ...textSearch(q, role),
    status: list(q, 'status', INCIDENT_STATUSES),
    category: list(q, 'category', CATEGORIES),
    kecamatan: list(q, 'kecamatan'),
    channel: list(q, 'channel', CHANNELS),
    priority: list(q, 'priority', PRIORITIES),
    since: bound(q, 'since'),
    until: bound(q, 'until'),
    due: list(q, 'due', ['overdue', 'due', 'met'])?.[0] as IncidentFilter['due'],
  };
}

export function parsePage(q: Query): { limit: number; cursor: string | null } {
  const rawLimit = str(q, 'limit');
  const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new HttpError(400, 'bad_limit', 'limit: harus bilangan bulat positif');
  const cursor = str(q, 'cursor') ?? null;
  if (cursor !== null && !/^\d{1,18}$/.test(cursor))
    throw new HttpError(400, 'bad_cursor', 'cursor: penanda halaman tidak sah');
  return { limit: Math.min(limit, MAX_LIMIT), cursor };
}

/** What Open311's public GETs read of incidents: status, category, kelurahan, dates (and the summary for opt-ins). */
import type { DbOrTrx } from '../connection';

export interface PublicRequestRow {
  reference: string;
  status: 'new' | 'verified' | 'in_progress' | 'resolved' | 'rejected';
  category: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  summary: string;
  received_at: Date;
  updated_at: Date;
  resolve_due_at: Date | null;
}

function publicRows(db: DbOrTrx) {
  return db
    .selectFrom('incidents')
    .select([
      'reference',
      'status',
      'category',
      'kelurahan',
      'kecamatan',
      'summary',
      'received_at',
      'updated_at',
      'resolve_due_at',
    ]);
}

export async function requestsByReference(db: DbOrTrx, references: string[]): Promise<PublicRequestRow[]> {
  if (references.length === 0) return [];
  return publicRows(db).where('reference', 'in', references).orderBy('received_at', 'desc').execute();
}

export interface PublicRequestFilter {
  categories: string[] | null;
  statuses: string[] | null;
  start: Date;
  end: Date;
  limit: number;
}

/** Newest first within [start, end]; `categories` may hold null (reports no category was found for). */
export async function listPublicRequests(db: DbOrTrx, f: PublicRequestFilter): Promise<PublicRequestRow[]> {
  let q = publicRows(db)
    .where('received_at', '>=', f.start)
    .where('received_at', '<=', f.end)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit);
  if (f.statuses) q = q.where('status', 'in', f.statuses as PublicRequestRow['status'][]);
  if (f.categories) {
    const named = f.categories;
    // 'lainnya' also answers for reports without a category: that is how they are shown.
    q = named.includes('lainnya')
      ? q.where((eb) => eb.or([eb('category', 'in', named), eb('category', 'is', null)]))
      : q.where('category', 'in', named);
  }
  return q.execute();
}

/**
 * What became of a request posted with this token: the incident it created or joined, once the inbound worker
 * has processed it. null when no such request was ever posted.
 */
export async function requestByToken(
  db: DbOrTrx,
  token: string,
): Promise<{ state: string; reference: string | null } | null> {
  const raw = await db
    .selectFrom('raw_messages')
    .select(['id', 'state'])
    .where('channel', '=', 'open311')
    .where('external_id', '=', token)
    .executeTakeFirst();
  if (!raw) return null;
  const incident = await db
    .selectFrom('incident_messages')
    .innerJoin('incidents', 'incidents.id', 'incident_messages.incident_id')
    .select('incidents.reference')
    .where('incident_messages.raw_message_id', '=', raw.id)
    .executeTakeFirst();
  return { state: raw.state, reference: incident?.reference ?? null };
}

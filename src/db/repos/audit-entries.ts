/** Reading the audit log, newest first, keyset-paged by id. */
import type { DbOrTrx } from '../connection';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  incidentId: string | null;
  user: { id: string; email: string | null; name: string | null } | null;
  details: Record<string, unknown>;
}

export async function listAudit(
  db: DbOrTrx,
  page: { limit: number; cursor: string | null },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.incident_id',
      'audit_log.details',
      'audit_log.user_id',
      'users.email as user_email',
      'users.name as user_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit + 1);
  if (page.cursor) q = q.where('audit_log.id', '<', page.cursor);
  const rows = await q.execute();
  const shown = rows.slice(0, page.limit);
  return {
    items: shown.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      incidentId: r.incident_id,
      user: r.user_id ? { id: r.user_id, email: r.user_email, name: r.user_name } : null,
      details: r.details,
    })),
    nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null,
  };
}

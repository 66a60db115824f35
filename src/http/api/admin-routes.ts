/** Admin and monitoring: audit log, dead letters, unreadable messages, settings. */
import type { FastifyInstance } from 'fastify';
import { identityMask, maskJson } from '../../auth/masking';
import { listAudit } from '../../db/repos/audit-entries';
import { writeAudit } from '../../db/repos/audit-log';
import { writeSetting } from '../../db/repos/settings';
import { DEFAULT_SETTINGS, loadSettings } from '../../settings';
import { listDeadLetters, retryDeadLetter } from '../../workspace/dead-letters';
import type { AppDeps } from '../app-deps';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parsePage } from './incident-filter-query';

export async function adminRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/audit', { preHandler: admins }, async (req) => {
    const audit = await listAudit(deps.db, parsePage(req.query as Record<string, unknown>));
    const mask = identityMask(staffOf(req).role);
    return { ...audit, items: audit.items.map((a) => ({ ...a, details: maskJson(a.details, mask) })) };
  });

  app.get('/api/dead-letters', { preHandler: admins }, async (req) => ({
    items: await listDeadLetters(deps.queues, identityMask(staffOf(req).role)),
  }));

  app.post<{ Params: { id: string } }>(
    '/api/dead-letters/:id/retry',
    { preHandler: admins, config: { numericId: false } },
    async (req) => {
      const user = staffOf(req);
      const outcome = await retryDeadLetter(deps.queues, req.params.id);
      if (outcome === 'missing') throw new HttpError(404, 'not_found', 'Pekerjaan gagal tidak ditemukan.');
      if (outcome === 'not_failed') throw new HttpError(409, 'not_failed', 'Pekerjaan itu tidak dalam keadaan gagal.');
      await writeAudit(deps.db, { userId: user.id, action: 'dead_letter.retry', details: { id: req.params.id } });
      return { id: req.params.id, retried: true };
    },
  );

  app.get('/api/messages', { preHandler: anyStaff }, async (req) => {
    const user = staffOf(req);
    const { state = 'unreadable' } = req.query as { state?: string };
    if (!['unreadable', 'received', 'processed'].includes(state))
      throw new HttpError(400, 'bad_filter', 'state: nilai tidak dikenal');
    const { limit, cursor } = parsePage(req.query as Record<string, unknown>);
    let q = deps.db
      .selectFrom('raw_messages')
      .select([
        'id',
        'channel',
        'provider',
        'received_at',
        'from_address',
        'subject',
        'state',
        'error',
        'attempts',
        'size_bytes',
      ])
      .where('state', '=', state as 'unreadable')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (cursor) q = q.where('id', '<', cursor);
    const rows = await q.execute();
    const shown = rows.slice(0, limit);
    const mask = identityMask(user.role);
    if (!mask.masked && shown.length) {
      await writeAudit(deps.db, {
        userId: user.id,
        action: 'identity.view',
        details: { route: 'GET /api/messages', rawMessageIds: shown.map((r) => r.id) },
      });
    }
    return {
      items: shown.map((r) => ({
        id: r.id,
        channel: r.channel,
        provider: r.provider,
        receivedAt: r.received_at.toISOString(),
        from: mask.address(r.from_address),
        subject: r.subject ? mask.text(r.subject) : r.subject,
        state: r.state,
        reason: r.error ? mask.text(r.error) : r.error,
        attempts: r.attempts,
        size: r.size_bytes,
      })),
      nextCursor: rows.length > limit ? (shown.at(-1)?.id ?? null) : null,
    };
  });

  app.get('/api/settings', { preHandler: admins }, async () => ({
    settings: await loadSettings(deps.db),
    defaults: DEFAULT_SETTINGS,
  }));

  app.put('/api/settings', { preHandler: admins }, async (req) => {
    const user = staffOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (!(key in defaults)) throw new HttpError(400, 'bad_setting', `pengaturan ${key} tidak dikenal`);
      if (typeof value !== typeof defaults[key]) throw new HttpError(400, 'bad_setting', `${key}: jenis nilai salah`);
    }
    const before = (await loadSettings(deps.db)) as unknown as Record<string, unknown>;
    await deps.db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(body)) {
        // One audit line per setting that really changed, naming it with its old and new value.
        if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
        await writeSetting(trx, key, value, user.id);
        await writeAudit(trx, {
          userId: user.id,
          action: 'settings.change',
          details: { key, from: before[key], to: value },
        });
      }
    });
    return { settings: await loadSettings(deps.db) };
  });
}

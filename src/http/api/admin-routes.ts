/** Admin and monitoring: audit log, dead letters, unreadable messages, settings. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { identityMask, maskJson, maskText, seesIdentities } from '../../auth/masking';
import { listAudit } from '../../db/repos/audit-entries';
import { writeAudit } from '../../db/repos/audit-log';
import { rawMessagesInState } from '../../db/repos/raw-message-scans';
import { writeSetting } from '../../db/repos/settings';
import { holidaysOfYear } from '../../follow-up/holidays';
import { exampleText } from '../../outbound/reporter-texts';
import { smsLength } from '../../outbound/sms-length';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  SETTING_DEFINITIONS,
  type SettingKey,
  settingsChangeSchema,
} from '../../settings';
import { listDeadLetters, retryDeadLetter } from '../../workspace/dead-letters';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';
import { parsePage } from './incident-filter-query';
import { parseBody } from './parse-body';

const holidaysQuery = z
  .object({
    year: z
      .string({ message: 'tahun wajib diisi, mis. ?year=2026' })
      .regex(/^\d{4}$/, 'harus tahun empat angka, mis. 2026')
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, 'tahun 2000 sampai 2100'),
  })
  .strict();

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
    const rows = await rawMessagesInState(deps.db, { state: state as 'unreadable', limit, cursor: cursor ?? null });
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
    const change = parseBody(settingsChangeSchema, req.body ?? {}, 'bad_setting');
    const current = await loadSettings(deps.db);
    const changed = (Object.keys(change) as SettingKey[]).filter(
      (key) => JSON.stringify(change[key]) !== JSON.stringify(current[key]),
    );
    await deps.db.transaction().execute(async (trx) => {
      for (const key of changed) {
        await writeSetting(trx, key, change[key], user.id);
        // One line per setting, naming it, with the value before and after.
        await writeAudit(trx, {
          userId: user.id,
          action: 'settings.change',
          details: { key, label: SETTING_DEFINITIONS[key].label, from: current[key], to: change[key] },
        });
      }
    });
    return { settings: await loadSettings(deps.db), changed };
  });

  // The settings form's live preview of a template: the text a reporter reads and its SMS length.
  app.post('/api/settings/preview', { preHandler: admins }, async (req) => {
    const { text } = parseBody(z.object({ text: z.string().max(2000) }).strict(), req.body ?? {});
    const example = exampleText(text);
    return { text: example, sms: smsLength(example) };
  });

  app.get('/api/holidays', { preHandler: anyStaff }, async (req) => {
    const { year } = parseBody(holidaysQuery, req.query ?? {}, 'bad_filter');
    return { items: holidaysOfYear(year, await loadSettings(deps.db)) };
  });
}

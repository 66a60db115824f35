/**
 * The settings admins tune while the service runs (one validated schema, src/settings.ts), the live preview of a
 * template, and the holidays the deadlines skip.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { holidaysOfYear } from '../../follow-up/holidays';
import { exampleText } from '../../outbound/reporter-texts';
import { smsLength } from '../../outbound/sms-length';
import { DEFAULT_SETTINGS, loadSettings, settingsChangeSchema } from '../../settings';
import { changeSettings } from '../../workspace/settings-changes';
import { admins, anyStaff, staffOf } from '../auth/staff-auth';
import { parseBody } from '../request-input';

export const settingsPreviewBody = z.object({ text: z.string().max(2000) }).strict();

export const holidaysQuery = z
  .object({
    year: z
      .string({ message: 'tahun wajib diisi, mis. ?year=2026' })
      .regex(/^\d{4}$/, 'harus tahun empat angka, mis. 2026')
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, 'tahun 2000 sampai 2100'),
  })
  .strict();

export async function settingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/settings', { preHandler: admins }, async () => ({
    settings: await loadSettings(deps.db),
    defaults: DEFAULT_SETTINGS,
  }));

  app.put('/api/settings', { preHandler: admins }, async (req) => {
    const change = parseBody(settingsChangeSchema, req.body, { code: 'bad_setting' });
    const changed = await changeSettings(deps.db, staffOf(req), change);
    return { settings: await loadSettings(deps.db), changed };
  });

  // The settings form's live preview of a template: the text a reporter reads and its SMS length.
  app.post('/api/settings/preview', { preHandler: admins }, async (req) => {
    const { text } = parseBody(settingsPreviewBody, req.body);
    const example = exampleText(text);
    return { text: example, sms: smsLength(example) };
  });

  app.get('/api/holidays', { preHandler: anyStaff }, async (req) => {
    const { year } = parseBody(holidaysQuery, req.query, { code: 'bad_filter' });
    return { items: holidaysOfYear(year, await loadSettings(deps.db)) };
  });
}

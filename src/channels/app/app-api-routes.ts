/**
 * The JSON API of the RT heads' app under /api/app: sign-in by SMS code, the reporter's profile, category
 * suggestions while typing, reports (stored once per client-made id, queued like every channel), "Laporan saya"
 * and the reading of staff replies. Errors are `{error: {code, message}}` with messages in Bahasa Indonesia.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps/app-deps';
import { hashSecret } from '../../auth/secret-tokens';
import { DomainError } from '../../core/domain-error';
import { CATEGORY_LABELS } from '../../core/normalized-message';
import { storeAppPhotos } from '../../db/repos/app-photos';
import { findAppReport, listMyReports, markRepliesSeen } from '../../db/repos/app-reports';
import { deleteAppSession } from '../../db/repos/app-sign-in';
import type { Reporter } from '../../db/repos/reporters';
import { normalize } from '../../normalize';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { appExternalId, appRawMessage, appReportBody, looksLike, MAX_PHOTOS } from '../../reporters/app-report';
import { sendSignInCode, signInWithCode } from '../../reporters/app-sign-in';
import { loadSettings } from '../../settings';
import { toE164 } from '../../shared/phone-number';
import { queueInbound } from '../queue-inbound';
import { appCookie, jsonFromHere, reporterOf, resolveAppReporter, signedIn } from './app-auth';

export interface AppLimits {
  /** Code requests per phone number and per client address, and code checks per address, per window. */
  codesPerPhone: number;
  codesPerAddress: number;
  checksPerAddress: number;
  windowMs: number;
}

/** Mobile carriers put many phones behind one address: the per-address limits are generous, the per-number one not. */
export const DEFAULT_APP_LIMITS: AppLimits = {
  codesPerPhone: 3,
  codesPerAddress: 30,
  checksPerAddress: 30,
  windowMs: 15 * 60 * 1000,
};

const phoneBody = z.object({ phone: z.string().min(4).max(40) });
const sessionBody = z.object({ phone: z.string().min(4).max(40), code: z.string().regex(/^\d{6}$/) });
const suggestBody = z.object({ text: z.string().max(4000) });
const seenBody = z.object({ ids: z.array(z.string().regex(/^\d{1,18}$/)).max(200) });

/** The per-number limit's key: the number's hash, so that no phone number sits in Redis. */
function bodyPhoneKey(req: FastifyRequest): string {
  const phone = (req.body as { phone?: unknown } | undefined)?.phone;
  const e164 = typeof phone === 'string' ? toE164(phone) : null;
  return e164 ? hashSecret(e164).slice(0, 32) : 'invalid';
}

function profile(r: Reporter) {
  return {
    name: r.name,
    phone: r.phone,
    label: r.label,
    kelurahan: r.kelurahan,
    kelurahanCode: r.kelurahanCode,
    kecamatan: r.kecamatan,
    rt: r.rt,
    rw: r.rw,
  };
}

function invalid(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  return new DomainError('invalid', 'bad_request', issue?.message ?? 'isian tidak sah');
}

export function createAppApiRoutes(limits: AppLimits = DEFAULT_APP_LIMITS) {
  return async (app: FastifyInstance, deps: AppDeps): Promise<void> => {
    await app.register(cookie);
    await app.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      redis: deps.redis,
      nameSpace: `${deps.config.QUEUE_PREFIX}:rate-limit:app:`,
      skipOnError: true,
    });
    app.decorateRequest('appReporter', null);
    app.addHook('onRequest', resolveAppReporter(deps.db, deps.config));
    app.addHook('preHandler', jsonFromHere(deps.config));
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('x-content-type-options', 'nosniff');
    });
    const tooMany = (message: string) => () => new DomainError('rate_limited', 'rate_limited', message);
    const cookieSpec = appCookie(deps.config);

    // Two limits on one route: the plugin's route handler runs only one per request, its limiter function any number.
    const perAddress = app.createRateLimit({
      max: limits.codesPerAddress,
      timeWindow: limits.windowMs,
      keyGenerator: (req) => `otp-ip:${req.ip}`,
    });
    const perPhone = app.createRateLimit({
      max: limits.codesPerPhone,
      timeWindow: limits.windowMs,
      keyGenerator: (req) => `otp-phone:${bodyPhoneKey(req)}`,
    });
    const exceeded = async (limiter: typeof perAddress, req: FastifyRequest) => {
      const result = await limiter(req);
      return !result.isAllowed && result.isExceeded;
    };
    const codeLimits = async (req: FastifyRequest): Promise<void> => {
      if (await exceeded(perAddress, req))
        throw new DomainError(
          'rate_limited',
          'rate_limited',
          'Terlalu banyak permintaan kode dari jaringan ini. Coba lagi nanti.',
        );
      if (await exceeded(perPhone, req))
        throw new DomainError(
          'rate_limited',
          'rate_limited',
          'Kode sudah beberapa kali dikirim ke nomor ini. Tunggu 15 menit.',
        );
    };

    app.post('/api/app/otp', { preHandler: codeLimits }, async (req, reply) => {
      const parsed = phoneBody.safeParse(req.body);
      const phone = parsed.success ? toE164(parsed.data.phone) : null;
      if (!phone) throw new DomainError('invalid', 'bad_phone', 'Nomor HP tidak dikenali. Contoh: 0812 3456 7890');
      await sendSignInCode({ db: deps.db, queues: deps.queues, settings: await loadSettings(deps.db) }, phone);
      // The same answer for every number: whether it is registered is nobody's business here.
      return reply.code(202).send({ status: 'accepted' });
    });

    app.post(
      '/api/app/session',
      {
        preHandler: app.rateLimit({
          max: limits.checksPerAddress,
          timeWindow: limits.windowMs,
          keyGenerator: (req) => `otp-check:${req.ip}`,
          errorResponseBuilder: tooMany('Terlalu banyak percobaan. Coba lagi nanti.'),
        }),
      },
      async (req, reply) => {
        const parsed = sessionBody.safeParse(req.body);
        const phone = parsed.success ? toE164(parsed.data.phone) : null;
        if (!parsed.success || !phone)
          throw new DomainError('invalid', 'bad_request', 'Isi nomor HP dan kode 6 angka.');
        const opened = await signInWithCode(deps.db, phone, parsed.data.code);
        if (!opened)
          throw new DomainError('unauthenticated', 'bad_code', 'Kode salah atau sudah kedaluwarsa. Minta kode baru.');
        reply.setCookie(cookieSpec.name, opened.token, cookieSpec.options);
        return { reporter: profile(opened.reporter) };
      },
    );

    app.delete('/api/app/session', async (req, reply) => {
      const token = req.cookies[cookieSpec.name];
      if (token) await deleteAppSession(deps.db, hashSecret(token));
      reply.clearCookie(cookieSpec.name, { path: cookieSpec.options.path });
      return reply.code(204).send();
    });

    app.get('/api/app/me', { preHandler: signedIn }, async (req) => ({ reporter: profile(reporterOf(req)) }));

    app.post('/api/app/suggest', { preHandler: signedIn }, async (req) => {
      const parsed = suggestBody.safeParse(req.body);
      if (!parsed.success) throw invalid(parsed.error);
      const text = parsed.data.text.trim();
      if (text.length < 3) return { category: null, label: null };
      const n = normalize(
        { channel: 'app', from: reporterOf(req).phone, text, receivedAt: new Date().toISOString() },
        { gazetteer: loadGazetteer(deps.config.REGION_CODE), timezone: deps.config.TIMEZONE },
      );
      return { category: n.category, label: n.category ? CATEGORY_LABELS[n.category] : null };
    });

    // Photos travel inside the JSON (base64): room for the most photos at the size cap, plus the text.
    const settingsAtStart = await loadSettings(deps.db);
    const bodyLimit = Math.ceil(MAX_PHOTOS * settingsAtStart.appPhotoMaxBytes * 1.4) + 64 * 1024;

    app.post('/api/app/reports', { preHandler: signedIn, bodyLimit }, async (req, reply) => {
      const reporter = reporterOf(req);
      const parsed = appReportBody.safeParse(req.body);
      if (!parsed.success) throw invalid(parsed.error);
      const body = parsed.data;
      const externalId = appExternalId(reporter.id, body.id);
      const known = await findAppReport(deps.db, externalId);
      if (known) return reply.code(200).send({ id: body.id, state: known.state, reference: known.reference });
      const settings = await loadSettings(deps.db);
      const photos = body.photos.map((p, i) => {
        const content = Buffer.from(p.data, 'base64');
        if (content.length > settings.appPhotoMaxBytes)
          throw new DomainError(
            'too_large',
            'photo_too_large',
            `Foto ${i + 1} terlalu besar (maks. ${Math.floor(settings.appPhotoMaxBytes / 1024)} KB).`,
          );
        if (!looksLike(p.type, content))
          throw new DomainError('invalid', 'bad_photo', `Foto ${i + 1} bukan gambar yang sah.`);
        return { contentType: p.type, content };
      });
      const ids = await storeAppPhotos(deps.db, reporter.id, body.id, photos);
      const raw = appRawMessage(
        reporter,
        body,
        ids.map((id, i) => ({ id, contentType: photos[i]?.contentType ?? 'image/jpeg' })),
        new Date(),
      );
      try {
        await queueInbound(deps, raw);
      } catch {
        throw new DomainError(
          'unavailable',
          'unavailable',
          'Server sibuk. Laporan disimpan di HP dan dikirim ulang otomatis.',
        );
      }
      return reply.code(202).send({ id: body.id, state: 'queued', reference: null });
    });

    app.get('/api/app/reports', { preHandler: signedIn }, async (req) => {
      const reporter = reporterOf(req);
      const items = await listMyReports(deps.db, { phone: reporter.phone, reporterId: reporter.id, limit: 50 });
      return { items };
    });

    app.post('/api/app/replies/seen', { preHandler: signedIn }, async (req) => {
      const parsed = seenBody.safeParse(req.body);
      if (!parsed.success) throw new DomainError('invalid', 'bad_request', 'ids: daftar id balasan');
      return { seen: await markRepliesSeen(deps.db, reporterOf(req).phone, parsed.data.ids) };
    });
  };
}

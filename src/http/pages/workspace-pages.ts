/** The server-rendered staff workspace (Bahasa Indonesia): login, list, incident, dashboard, admin pages, assets. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { identityMask, incidentForRole, maskJson } from '../../auth/masking';
import { listApiTokens } from '../../db/repos/api-tokens';
import { listAudit } from '../../db/repos/audit-entries';
import { dashboardStats } from '../../db/repos/dashboard-stats';
import { deadlineShareByMonth } from '../../db/repos/deadline-stats';
import { listDuty } from '../../db/repos/duty-roster';
import { listIncidents } from '../../db/repos/incident-list';
import { findIncidentViews, referencesByIds, toIncident } from '../../db/repos/incidents';
import { listReporters } from '../../db/repos/reporters';
import { situationStats } from '../../db/repos/situation-stats';
import { listStakeholders } from '../../db/repos/stakeholders';
import { listUsers, type StaffRole } from '../../db/repos/users';
import { listDeliveries } from '../../db/repos/webhook-deliveries';
import { findSubscription, listSubscriptions } from '../../db/repos/webhook-subscriptions';
import { holidaysOfYear } from '../../follow-up/holidays';
import { onDutyAt } from '../../follow-up/on-duty';
import { suggestStakeholders } from '../../follow-up/stakeholder-suggestions';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { loadSettings } from '../../settings';
import { listDeadLetters } from '../../workspace/dead-letters';
import { loadIncidentDetail } from '../../workspace/incident-detail';
import { attemptLogin, checkSameOrigin, openSession, safeNextPath } from '../auth/login';
import type { LoginThrottle } from '../auth/login-rate-limit';
import { sessionCookie } from '../auth/staff-auth';
import { errorCode, errorMessage, errorStatus, HttpError } from '../http-errors';
import { auditIdentityShown } from '../identity-audit';
import { parseFilter, parsePage } from '../incident-filter-query';
import { otherMessagesPage } from '../other-messages-query';
import { parseId } from '../request-input';
import { passwordBody, usersBody } from './access-pages';
import { auditBody, deadLettersBody } from './admin-pages';
import { dashboardBody } from './dashboard-page';
import { dutyBody, followUpCard, stakeholdersBody } from './follow-up-pages';
import { holidaysBody, holidayYear } from './holidays-page';
import { type Html, html } from './html';
import { incidentListBody, incidentRow } from './incident-list-page';
import { incidentPageBody } from './incident-page';
import { intakeAssets } from './intake-assets';
import { deliveriesBody, webhooksBody } from './integration-pages';
import { page } from './layout';
import { loginBody } from './login-page';
import { newReportBody } from './new-report-page';
import { otherMessagesBody } from './other-messages-page';
import { lastDays, parseReportSpan } from './report-span';
import { reportersBody } from './reporters-page';
import { settingsBody } from './settings-page';
import { situationReportBody } from './situation-report-page';

const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(__dirname, 'assets/app.css')) },
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(__dirname, 'assets/app.js')) },
  ...intakeAssets(),
};

function send(reply: FastifyReply, req: FastifyRequest, title: string, body: Html, status = 200) {
  const ctx = { user: req.staff?.user ?? null, csrfToken: req.staff?.csrfToken ?? null, path: req.url };
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page(ctx, title, body));
}

const ERROR_TITLES: Record<number, string> = {
  400: 'Permintaan tidak sah',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  429: 'Terlalu banyak percobaan',
};

function errorPage(reply: FastifyReply, req: FastifyRequest, status: number, message: string) {
  const title = ERROR_TITLES[status] ?? (status >= 500 ? 'Kesalahan server' : 'Galat');
  return send(
    reply,
    req,
    title,
    html`<h1>${title}</h1><p>${message}</p><p class="muted">Kode galat ${status}.</p><p><a href="/incidents">Ke daftar insiden</a></p>`,
    status,
  );
}

/** Page guard: no session → the login page (with the way back); wrong role → 403 page. */
function pageRole(...roles: StaffRole[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.staff) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (!roles.includes(req.staff.user.role))
      throw new HttpError(403, 'forbidden', 'Halaman ini tidak tersedia untuk peran Anda.');
  };
}
const anyPage = pageRole('admin', 'operator', 'viewer');
const operatorPage = pageRole('admin', 'operator');
const adminPage = pageRole('admin');

function stringQuery(q: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

export function workspacePages(throttle: LoginThrottle) {
  return async (app: FastifyInstance, deps: AppDeps): Promise<void> => {
    const localPath = (next: unknown) => safeNextPath(next, deps.config);
    const tz = deps.config.TIMEZONE;
    const gazetteer = () => loadGazetteer(deps.config.REGION_CODE);

    app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
      const status = errorStatus(err);
      if (status >= 500) req.log.error({ err: { message: err.message } }, 'page failed');
      if (status === 429 && req.url.startsWith('/login')) {
        return send(reply, req, 'Masuk', loginBody({ error: err.message }), 429);
      }
      // JSON for the API (a route registered here may fail on an /api path too), an HTML page for people.
      if (req.url.startsWith('/api/')) {
        return reply
          .code(status)
          .send({ error: { code: errorCode(err, 'bad_request'), message: errorMessage(err, status) } });
      }
      return errorPage(reply, req, status, errorMessage(err, status));
    });

    app.setNotFoundHandler(async (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/webhooks/')) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'Alamat ini tidak ada.' } });
      }
      return errorPage(reply, req, 404, 'Halaman tidak ditemukan. Periksa alamatnya, atau kembali ke daftar insiden.');
    });

    app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
      const asset = ASSETS[req.params.name];
      if (!asset) throw new HttpError(404, 'not_found', 'Berkas tidak ditemukan.');
      return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
    });

    app.get('/', async (req, reply) => reply.redirect(req.staff ? '/incidents' : '/login', 303));

    app.get('/login', async (req, reply) => {
      const { next } = req.query as { next?: string };
      if (req.staff) return reply.redirect(localPath(next), 303);
      return send(reply, req, 'Masuk', loginBody({ next: localPath(next) }));
    });

    app.post('/login', { config: { skipCsrf: true } }, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      checkSameOrigin(req, deps.config);
      const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
      const user = email && password ? await attemptLogin(deps.db, throttle, req, email, password) : null;
      if (!user) {
        return send(
          reply,
          req,
          'Masuk',
          loginBody({ email, error: 'Email atau kata sandi salah.', next: localPath(body.next) }),
          401,
        );
      }
      await openSession(deps.db, deps.config, reply, user, req.cookies[sessionCookie(deps.config).name]);
      return reply.redirect(localPath(body.next), 303);
    });

    app.get('/incidents', { preHandler: anyPage }, async (req, reply) => {
      const user = req.staff!.user;
      const query = stringQuery(req.query);
      const list = await listIncidents(deps.db, parseFilter(query, user.role), { ...parsePage(query), timezone: tz });
      const items = list.rows.map((r) => incidentForRole(toIncident(r), user.role));
      return send(
        reply,
        req,
        'Insiden',
        incidentListBody({ items, nextCursor: list.nextCursor, query, gazetteer: gazetteer(), timeZone: tz }),
      );
    });

    app.get('/incidents/new', { preHandler: operatorPage }, async (req, reply) =>
      send(reply, req, 'Catat laporan', newReportBody(gazetteer(), tz)),
    );

    app.get<{ Params: { id: string } }>('/incidents/:id', { preHandler: anyPage }, async (req, reply) => {
      const user = req.staff!.user;
      const incident = await loadIncidentDetail(deps.db, req.params.id, user.role);
      if (!incident) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
      await auditIdentityShown(deps.db, user, 'GET /incidents/:id', [incident]);
      const linked = [incident.possibleDuplicateOf, incident.duplicateOf].filter((v): v is string => Boolean(v));
      const references = await referencesByIds(deps.db, linked);
      // Staff names for the history (viewers too: these are colleagues, not reporters); assignment is for operators.
      const staff = await listUsers(deps.db);
      const stakeholders = await listStakeholders(deps.db);
      const suggested = suggestStakeholders(stakeholders, {
        category: incident.category,
        kecamatanCode: incident.location.kecamatanCode,
      }).map((s) => s.id);
      return send(
        reply,
        req,
        incident.reference,
        html`${incidentPageBody({ incident, user, staff, gazetteer: gazetteer(), timeZone: tz, references })}
${followUpCard(incident, stakeholders, suggested, user.role !== 'viewer', tz)}`,
      );
    });

    // One row of the list, rendered (and escaped) by the server: the live list inserts it when an event arrives.
    app.get<{ Params: { id: string } }>('/incidents/:id/row', { preHandler: anyPage }, async (req, reply) => {
      const [row] = await findIncidentViews(deps.db, [req.params.id]);
      if (!row) throw new HttpError(404, 'not_found', 'Insiden tidak ditemukan.');
      return reply
        .type('text/html; charset=utf-8')
        .send(incidentRow(incidentForRole(toIncident(row), req.staff!.user.role), tz).value);
    });

    app.get('/dashboard', { preHandler: anyPage }, async (req, reply) => {
      const [stats, months] = await Promise.all([
        dashboardStats(deps.db, { days: 30, span: lastDays(30, tz) }),
        deadlineShareByMonth(deps.db, { months: 6, timezone: tz }),
      ]);
      return send(reply, req, 'Dasbor', dashboardBody(stats, tz, months));
    });

    app.get('/reports/situation', { preHandler: anyPage }, async (req, reply) => {
      const span = parseReportSpan(req.query as Record<string, unknown>, tz);
      const mask = identityMask(req.staff!.user.role);
      const stats = await situationStats(deps.db, span);
      return send(
        reply,
        req,
        'Laporan Situasi',
        situationReportBody({ stats, maskTitle: (t) => mask.text(t), now: new Date() }),
      );
    });

    app.get('/admin/users', { preHandler: adminPage }, async (req, reply) => {
      const [users, tokens] = await Promise.all([listUsers(deps.db), listApiTokens(deps.db)]);
      return send(reply, req, 'Pengguna dan akses', usersBody(users, tokens, req.staff!.user.id, tz));
    });
    app.get('/account/password', { preHandler: anyPage }, async (req, reply) =>
      send(reply, req, 'Ganti kata sandi', passwordBody((req.query as { changed?: string }).changed === '1')),
    );
    app.get('/admin/settings', { preHandler: adminPage }, async (req, reply) =>
      send(reply, req, 'Pengaturan', settingsBody(await loadSettings(deps.db))),
    );
    app.get('/messages', { preHandler: anyPage }, async (req, reply) => {
      const user = req.staff!.user;
      const page = await otherMessagesPage(deps.db, user, stringQuery(req.query), 'GET /messages');
      return send(
        reply,
        req,
        'Pesan lain',
        otherMessagesBody({ ...page, operator: user.role !== 'viewer', timeZone: tz }),
      );
    });

    app.get('/holidays', { preHandler: anyPage }, async (req, reply) => {
      const year = holidayYear((req.query as { year?: unknown }).year, tz);
      const items = holidaysOfYear(year, await loadSettings(deps.db));
      return send(reply, req, `Hari libur ${year}`, holidaysBody(year, items, req.staff!.user.role === 'admin'));
    });
    app.get('/admin/duty', { preHandler: adminPage }, async (req, reply) => {
      const roster = await listDuty(deps.db);
      const now = onDutyAt(roster, new Date(), tz).map((p) => p.id);
      return send(reply, req, 'Petugas siaga', dutyBody(roster, now));
    });
    app.get('/admin/stakeholders', { preHandler: adminPage }, async (req, reply) =>
      send(reply, req, 'Pemangku kepentingan', stakeholdersBody(await listStakeholders(deps.db))),
    );
    app.get('/admin/reporters', { preHandler: adminPage }, async (req, reply) =>
      send(reply, req, 'Pelapor terdaftar', reportersBody(await listReporters(deps.db), gazetteer())),
    );
    app.get('/admin/audit', { preHandler: adminPage }, async (req, reply) => {
      const audit = await listAudit(deps.db, parsePage(stringQuery(req.query)));
      const mask = identityMask(req.staff!.user.role);
      const items = audit.items.map((a) => ({ ...a, details: maskJson(a.details, mask) }));
      return send(reply, req, 'Audit', auditBody(items, audit.nextCursor, tz));
    });
    app.get('/admin/dead-letters', { preHandler: adminPage }, async (req, reply) =>
      send(
        reply,
        req,
        'Antrean gagal',
        deadLettersBody(await listDeadLetters(deps.queues, identityMask(req.staff!.user.role)), tz),
      ),
    );
    app.get('/admin/webhooks', { preHandler: adminPage }, async (req, reply) =>
      send(reply, req, 'Webhook mitra', webhooksBody(await listSubscriptions(deps.db))),
    );
    app.get<{ Params: { id: string } }>('/admin/webhooks/:id', { preHandler: adminPage }, async (req, reply) => {
      const id = parseId(req.params.id);
      const subscription = await findSubscription(deps.db, id);
      if (!subscription) throw new HttpError(404, 'not_found', 'Langganan webhook tidak ditemukan.');
      const log = await listDeliveries(deps.db, id, parsePage(stringQuery(req.query)));
      return send(reply, req, 'Log pengiriman webhook', deliveriesBody(subscription, log, tz));
    });
  };
}

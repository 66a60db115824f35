/**
 * The staff workspace and its JSON API, as one encapsulated Fastify plugin: cookies, login throttling, who-is-asking,
 * CSRF and security headers apply to these routes only, never to the webhooks beside them.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps/app-deps';
import type { RouteModule } from '../app-deps/route-module';
import { attachmentRoute } from './api/attachment-route';
import { auditRoutes } from './api/audit-routes';
import { deadLetterRoutes } from './api/dead-letter-routes';
import { dutyRoutes } from './api/duty-routes';
import { incidentExportRoutes } from './api/incidents/incident-export-routes';
import { incidentFollowUpRoutes } from './api/incidents/incident-follow-up-routes';
import { incidentRoutes } from './api/incidents/incident-routes';
import { incidentStreamRoute } from './api/incidents/incident-stream-route';
import { incidentThreadRoutes } from './api/incidents/incident-thread-routes';
import { messageRoutes } from './api/message-routes';
import { open311KeyRoutes } from './api/open311-key-routes';
import { reporterRoutes } from './api/reporter-routes';
import { sessionRoutes } from './api/session-routes';
import { settingsRoutes } from './api/settings-routes';
import { stakeholderRoutes } from './api/stakeholder-routes';
import { userRoutes } from './api/user-routes';
import { webhookRoutes } from './api/webhook-routes';
import { DEFAULT_LOGIN_LIMIT, type LoginLimit, LoginThrottle } from './auth/login-rate-limit';
import { checkCsrf, resolveStaff } from './auth/staff-auth';
import { openApiRoutes } from './openapi/openapi-routes';
import { workspacePages } from './pages/workspace-pages';
import { checkIdParam } from './request-input';

/** No inline script or style anywhere; frames only for the sandboxed email HTML (srcdoc). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export interface WorkspaceOptions {
  loginLimit?: LoginLimit;
}

export function createWorkspaceRoutes(options: WorkspaceOptions = {}): RouteModule {
  return async (app: FastifyInstance, deps: AppDeps) => {
    await app.register(cookie);
    await app.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      // Shared by every API process; a Redis hiccup must not stop staff from logging in.
      redis: deps.redis,
      nameSpace: `${deps.config.QUEUE_PREFIX}:rate-limit:`,
      skipOnError: true,
    });
    app.decorateRequest('staff', null);
    app.addHook('onRequest', resolveStaff(deps.db, deps.config));
    app.addHook('preValidation', checkIdParam);
    app.addHook('preHandler', checkCsrf);
    app.addHook('onSend', async (_req, reply) => {
      // The attachment route sets its own, stricter policy.
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'SAMEORIGIN');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
    const throttle = new LoginThrottle(deps.redis, deps.config.QUEUE_PREFIX, options.loginLimit ?? DEFAULT_LOGIN_LIMIT);
    // The JSON API, one module per resource; the pages last.
    const api = [
      sessionRoutes(throttle),
      userRoutes,
      incidentExportRoutes,
      incidentStreamRoute,
      incidentRoutes,
      incidentThreadRoutes,
      incidentFollowUpRoutes,
      stakeholderRoutes,
      dutyRoutes,
      messageRoutes,
      settingsRoutes,
      auditRoutes,
      deadLetterRoutes,
      reporterRoutes,
      webhookRoutes,
      open311KeyRoutes,
      openApiRoutes,
      attachmentRoute,
    ];
    for (const module of api) await app.register(module, deps);
    await app.register(workspacePages(throttle), deps);
  };
}

/** What the service registers beside the channels' routes. */
export const workspaceRoutes: RouteModule[] = [createWorkspaceRoutes()];

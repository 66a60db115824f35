/**
 * The staff workspace and its JSON API, as one encapsulated Fastify plugin: cookies, login throttling, who-is-asking,
 * CSRF and security headers apply to these routes only, never to the webhooks beside them.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps/app-deps';
import type { RouteModule } from '../app-deps/route-module';
import { accessRoutes } from './api/access-routes';
import { adminRoutes } from './api/admin-routes';
import { attachmentRoute } from './api/attachment-route';
import { directoryRoutes } from './api/directory-routes';
import { followUpRoutes } from './api/follow-up-routes';
import { incidentExportRoutes } from './api/incident-export-routes';
import { incidentRoutes } from './api/incident-routes';
import { incidentStreamRoute } from './api/incident-stream-route';
import { DEFAULT_LOGIN_LIMIT, type LoginLimit, LoginThrottle } from './api/login-rate-limit';
import { open311KeyRoutes } from './api/open311-key-routes';
import { otherMessagesRoutes } from './api/other-messages-routes';
import { reporterRoutes } from './api/reporter-routes';
import { checkIdParam } from './api/request-validation';
import { sessionRoutes } from './api/session-routes';
import { staffReportRoutes } from './api/staff-report-routes';
import { webhookRoutes } from './api/webhook-routes';
import { checkCsrf, resolveStaff } from './auth/staff-auth';
import { openApiRoutes } from './openapi/openapi-routes';
import { workspacePages } from './workspace/workspace-pages';

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
    await app.register(sessionRoutes(throttle), deps);
    await app.register(incidentExportRoutes, deps);
    await app.register(incidentStreamRoute, deps);
    await app.register(staffReportRoutes, deps);
    await app.register(incidentRoutes, deps);
    await app.register(directoryRoutes, deps);
    await app.register(followUpRoutes, deps);
    await app.register(otherMessagesRoutes, deps);
    await app.register(adminRoutes, deps);
    await app.register(reporterRoutes, deps);
    await app.register(accessRoutes(throttle), deps);
    await app.register(webhookRoutes, deps);
    await app.register(open311KeyRoutes, deps);
    await app.register(openApiRoutes, deps);
    await app.register(attachmentRoute, deps);
    await app.register(workspacePages(throttle), deps);
  };
}

/** What the service registers beside the channels' routes. */
export const workspaceRoutes: RouteModule[] = [createWorkspaceRoutes()];

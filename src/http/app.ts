/** The Fastify app: webhooks, staff workspace, JSON API, probes. Built without listening, so tests can inject. */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppDeps } from '../app-deps/app-deps';
import type { RouteModule } from '../app-deps/route-module';
import type { Config } from '../config';
import { healthRoutes } from './health-routes';
import { httpErrorHandler } from './http-errors';
import type { RegisteredRoute } from './openapi/openapi-document';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in any plugin: what the OpenAPI description is generated from. */
    registeredRoutes: RegisteredRoute[];
  }
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** TRUST_PROXY as Fastify takes it: a number of hops becomes proxy-addr's hop test. */
function trustedHops(setting: Config['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

export async function buildApp(deps: AppDeps, modules: RouteModule[] = []): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are logged by id, method, url and status only: bodies and query strings can carry identities.
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Only the configured proxies may speak for the client (TRUST_PROXY); by default nobody does.
    trustProxy: trustedHops(deps.config.TRUST_PROXY),
  });
  app.setErrorHandler(httpErrorHandler(deps.logger));
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url });
  });
  await app.register(formbody);
  await app.register(healthRoutes, deps);
  for (const module of modules) await app.register(module, deps);
  return app;
}

/**
 * GET /api/openapi.json (the OpenAPI 3.1 description, generated from the registered routes) and GET /docs/api (the
 * same, as a server-rendered page for staff developers: no script, no CDN). Both public: they describe, never show
 * data.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { page } from '../pages/layout';
import { apiDocsBody } from './api-docs-page';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document';

export const API_VERSION = '1.0.0';

export async function openApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  let cached: OpenApiDocument | null = null;
  // Routes are all registered once the app is ready; the document never changes afterwards.
  const document = () => {
    cached ??= buildOpenApiDocument(app.registeredRoutes, { serverUrl: deps.config.PUBLIC_URL, version: API_VERSION });
    return cached;
  };

  app.get('/api/openapi.json', async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return document();
  });

  app.get('/docs/api', async (req, reply) => {
    const ctx = { user: req.staff?.user ?? null, csrfToken: req.staff?.csrfToken ?? null, path: req.url };
    return reply.type('text/html; charset=utf-8').send(page(ctx, 'Dokumentasi API', apiDocsBody(document())));
  });
}

/**
 * Builds the OpenAPI 3.1 document from the routes Fastify registered and their descriptions (route-descriptions.ts):
 * a route added later appears by itself, marked `x-undescribed` until it gets an entry. JSON Schemas come from the
 * zod schemas through zod's own `z.toJSONSchema` (draft 2020-12, OpenAPI 3.1's dialect); named schemas
 * (`.meta({ id })`) land in components.schemas.
 */
import { z } from 'zod';
import { errorAnswer } from './api-schemas';
import { API_ROUTES, type RouteAccess, type RouteDescription } from './route-descriptions';

export interface RegisteredRoute {
  method: string;
  url: string;
}

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

const ROLES: Record<RouteAccess, string[]> = {
  public: [],
  viewer: ['viewer', 'operator', 'admin'],
  operator: ['operator', 'admin'],
  admin: ['admin'],
};

const ERRORS: Record<number, string> = {
  400: 'Id, query atau isi tidak valid (kode bad_request, bad_filter, bad_limit, bad_cursor, …)',
  401: 'Belum masuk, token tidak dikenal atau dicabut (unauthorized), atau kata sandi salah (bad_credentials)',
  403: 'Peran tidak cukup (forbidden), atau permintaan sesi tanpa X-CSRF-Token (csrf)',
  404: 'Tidak ditemukan (not_found)',
  409: 'Tidak mungkin pada keadaan sekarang (invalid_transition, invalid_merge, not_failed, …)',
  429: 'Terlalu banyak percobaan (rate_limited)',
};

/** Fastify's `:id` → OpenAPI's `{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export function isApiRoute(r: RegisteredRoute): boolean {
  return r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS';
}

export function routeKey(r: RegisteredRoute): string {
  return `${r.method} ${r.url}`;
}

class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/');
    const {
      $schema: _dialect,
      $defs,
      ...rest
    } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, def] of Object.entries($defs ?? {})) this.components[name] ??= def;
    return rest;
  }
}

function parameters(route: RegisteredRoute, d: RouteDescription | undefined, schemas: SchemaCollector) {
  const path = [...route.url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: m[1] === 'date' ? { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } : { type: 'string' },
  }));
  if (!d?.query) return path;
  const query = schemas.convert(d.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, prop]) => {
      const { description, ...schema } = prop;
      return {
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema,
      };
    }),
  ];
}

function security(method: string, access: RouteAccess) {
  if (access === 'public') return [];
  const changes = !['GET', 'HEAD'].includes(method);
  return [changes ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }, { bearerToken: [] }];
}

function operation(route: RegisteredRoute, schemas: SchemaCollector): Operation {
  const d = API_ROUTES[routeKey(route)];
  const params = parameters(route, d, schemas);
  const hasPathParams = route.url.includes(':');
  if (!d) {
    return {
      summary: 'Belum dideskripsikan',
      'x-undescribed': true,
      ...(params.length ? { parameters: params } : {}),
      responses: {
        default: { description: 'not described yet: add an entry to src/http/openapi/route-descriptions.ts' },
      },
    };
  }
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(d.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema
        ? {
            content: {
              [answer.contentType ?? 'application/json']: { schema: schemas.convert(answer.schema, 'output') },
            },
          }
        : answer.contentType
          ? { content: { [answer.contentType]: { schema: { type: 'string' } } } }
          : {}),
    };
  }
  const errors = new Set<number>();
  if (d.body || d.query || hasPathParams) errors.add(400);
  if (d.access !== 'public') {
    errors.add(401);
    errors.add(403);
  }
  if (hasPathParams) errors.add(404);
  if (!['GET', 'DELETE'].includes(route.method) && hasPathParams) errors.add(409);
  if (route.method === 'POST' && route.url === '/api/session') {
    errors.add(401);
    errors.add(429);
  }
  for (const status of errors) responses[status] ??= { $ref: `#/components/responses/Error${status}` };
  return {
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    tags: [d.tag],
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    'x-roles': ROLES[d.access],
    security: security(route.method, d.access),
    ...(params.length ? { parameters: params } : {}),
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.convert(d.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: RegisteredRoute[], options: { serverUrl: string; version: string }) {
  const schemas = new SchemaCollector();
  const errorSchema = schemas.convert(errorAnswer, 'output');
  const paths: Record<string, Record<string, Operation>> = {};
  const seen = new Set<string>();
  for (const route of routes.filter(isApiRoute).sort((a, b) => a.url.localeCompare(b.url))) {
    if (seen.has(routeKey(route))) continue;
    seen.add(routeKey(route));
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Halo Kesbang JSON API',
      version: options.version,
      description:
        'The staff API of Halo Kesbang (Badan Kesbangpol dan Linmas Kota Palopo). Sign in with POST /api/session ' +
        '(cookie + X-CSRF-Token on every change) or send `Authorization: Bearer hk_…` (a token from `halo token add`). ' +
        'Errors are `{"error": {"code", "message"}}`. Lists page by keyset: pass `nextCursor` as `cursor`; ' +
        '`limit` 1–200 (default 50). Partner interfaces (webhooks, Open311): docs/integrations.md.',
    },
    servers: [{ url: options.serverUrl }],
    paths,
    components: {
      schemas: schemas.components,
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          `Error${status}`,
          { description, content: { 'application/json': { schema: errorSchema } } },
        ]),
      ),
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'halo_session',
          description: 'Set by POST /api/session (`__Host-halo_session` when PUBLIC_URL is https).',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'The csrfToken POST /api/session answered; required with the cookie on every change.',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (`halo token add`), role of its user.',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/**
 * Checks a real answer against the OpenAPI document: the operation must exist, the status must be one it lists,
 * and a JSON body must validate (ajv, JSON Schema 2020-12: OpenAPI 3.1's dialect) against the schema it gives.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../src/http/openapi/openapi-document';
import { openApiPath } from '../../src/http/openapi/openapi-document';

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

export function conformanceChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const cache = new Map<unknown, ReturnType<typeof ajv.compile>>();
  return (method: string, route: string, res: Answer): string[] => {
    const op = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
      openApiPath(route)
    ]?.[method.toLowerCase()];
    if (!op) return [`${method} ${route}: not in the description`];
    let answer = op.responses[String(res.statusCode)] as
      | { $ref?: string; content?: Record<string, { schema: unknown }> }
      | undefined;
    if (!answer) return [`${method} ${route}: status ${res.statusCode} not described (${res.body.slice(0, 200)})`];
    if (answer.$ref)
      answer = (doc.components.responses as Record<string, typeof answer>)[answer.$ref.split('/').pop()!];
    const json = answer?.content?.['application/json'];
    if (!json) return [];
    if (!String(res.headers['content-type'] ?? '').startsWith('application/json'))
      return [`${method} ${route}: expected JSON, got ${res.headers['content-type']}`];
    let validate = cache.get(json.schema);
    if (!validate) {
      validate = ajv.compile({ ...(json.schema as object), components: doc.components });
      cache.set(json.schema, validate);
    }
    if (validate(JSON.parse(res.body))) return [];
    return (validate.errors ?? []).map((e) => `${method} ${route} ${res.statusCode}: ${e.instancePath} ${e.message}`);
  };
}

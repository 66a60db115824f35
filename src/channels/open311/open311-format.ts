/**
 * Open311 answers in the format the path names (`.json` or `.xml`), with the spec's element names: a list of
 * objects in JSON, `<root><item>…</item></root>` in XML; errors as `[{code, description}]` / `<errors><error>`.
 */

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

export type Open311Format = 'json' | 'xml';

const xml = new XMLBuilder({ format: false, suppressEmptyNode: false });

/** `requests.json` → 'json'; anything else is not an Open311 path. */
export function formatOf(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1);
  if (dot < 1 || (ext !== 'json' && ext !== 'xml')) return null;
  return { name: file.slice(0, dot), format: ext };
}

function xmlDocument(root: string, item: string, items: object[]): string {
  // undefined and null become empty elements, as the spec's examples show optional fields.
  const clean = items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v ?? ''])));
  return `<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: { [item]: clean } })}`;
}

export function sendOpen311(
  reply: FastifyReply,
  format: Open311Format,
  names: { root: string; item: string },
  items: object[],
  status = 200,
) {
  reply.code(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(names.root, names.item, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

/** A single object (the service definition): the object itself in JSON, `<root>…</root>` in XML. */
export function sendOpen311Object(reply: FastifyReply, format: Open311Format, root: string, value: object) {
  if (format === 'xml') {
    const clean = Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, Array.isArray(v) && v.length === 0 ? '' : v]),
    );
    return reply
      .type('text/xml; charset=utf-8')
      .send(`<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: clean })}`);
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export class Open311Error extends Error {
  constructor(
    readonly statusCode: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export function sendOpen311Error(reply: FastifyReply, format: Open311Format, status: number, description: string) {
  return sendOpen311(reply, format, { root: 'errors', item: 'error' }, [{ code: status, description }], status);
}

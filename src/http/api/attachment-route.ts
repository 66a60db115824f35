/**
 * GET /attachments/:id: an attachment's bytes. Only raster images are shown inline (the thread's previews);
 * everything else, SVG included (it can carry script), downloads as an opaque file. nosniff and a sandboxing CSP
 * make sure the browser never runs what a reporter sent.
 */
import type { FastifyInstance } from 'fastify';
import { identityMask } from '../../auth/masking';
import { findAttachmentFile } from '../../db/repos/attachments';
import type { AppDeps } from '../app-deps';
import { anyStaff, staffOf } from '../auth/staff-auth';
import { HttpError } from '../http-errors';

const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function asciiName(name: string): string {
  return name.replace(/[^\w.\- ]/g, '_').slice(0, 100) || 'lampiran';
}

/** RFC 5987 ext-value: encodeURIComponent leaves ' ( ) * ! unencoded, and a bare ' ends the charset/language part. */
export function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function attachmentRoute(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/attachments/:id', { preHandler: anyStaff }, async (req, reply) => {
    if (!/^\d{1,18}$/.test(req.params.id)) throw new HttpError(404, 'not_found', 'Lampiran tidak ditemukan.');
    const row = await findAttachmentFile(deps.db, req.params.id);
    if (!row?.content) throw new HttpError(404, 'not_found', 'Lampiran tidak ditemukan.');
    const type = (row.content_type ?? '').toLowerCase().split(';')[0]!.trim();
    const inline = INLINE_TYPES.has(type);
    // A file name can carry a name ("KTP Budi Santoso.jpg"): viewers get it masked like any text.
    const name = identityMask(staffOf(req).role).text(row.filename ?? 'lampiran');
    return reply
      .header('content-type', inline ? type : 'application/octet-stream')
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${asciiName(name)}"; filename*=UTF-8''${extValue(name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .send(row.content);
  });
}

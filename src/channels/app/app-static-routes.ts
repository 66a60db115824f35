/**
 * The RT heads' app itself, under /app: one HTML page, its script, style, service worker, manifest and icons, read
 * once at start, gzipped once, served with an ETag (the service worker keeps them on the phone). The service
 * worker carries a version made from every file's content, so a changed app replaces the phone's copy.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CATEGORIES, CATEGORY_LABELS } from '../../core/normalized-message';

const ASSETS = path.join(__dirname, 'assets');

/** Stricter than the workspace's: no frames at all, photos previewed from blobs, the worker and manifest from here. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'sw.js': 'text/javascript; charset=utf-8',
  'manifest.webmanifest': 'application/manifest+json',
  'icon.svg': 'image/svg+xml',
  'icon-192.png': 'image/png',
  'icon-512.png': 'image/png',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** Every file of the app as served (the category list written into the page, the version into the worker). */
export function loadAppAssets(): Map<string, Asset> {
  const raw = new Map(Object.keys(FILES).map((name) => [name, readFileSync(path.join(ASSETS, name))]));
  const options = CATEGORIES.map((c) => `<option value="${c}">${escapeHtml(CATEGORY_LABELS[c])}</option>`).join(
    '\n        ',
  );
  raw.set('index.html', Buffer.from(String(raw.get('index.html')).replace('<!--categories-->', options)));
  const version = createHash('sha256');
  for (const [name, body] of raw) if (name !== 'sw.js') version.update(body);
  raw.set('sw.js', Buffer.from(String(raw.get('sw.js')).replace('__VERSION__', version.digest('hex').slice(0, 12))));
  const assets = new Map<string, Asset>();
  for (const [name, body] of raw) {
    assets.set(name, {
      type: FILES[name] ?? 'application/octet-stream',
      body,
      gzip: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return assets;
}

export async function appStaticRoutes(app: FastifyInstance): Promise<void> {
  const assets = loadAppAssets();
  const send = (req: FastifyRequest, reply: FastifyReply, name: string) => {
    const asset = assets.get(name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Tidak ditemukan');
    reply
      .header('content-security-policy', APP_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-cache')
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .type(asset.type);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  };
  app.get('/app', (_req, reply) => reply.redirect('/app/', 301));
  app.get('/app/', (req, reply) => send(req, reply, 'index.html'));
  app.get<{ Params: { file: string } }>('/app/:file', (req, reply) =>
    send(req, reply, req.params.file === 'index.html' ? '' : req.params.file),
  );
}

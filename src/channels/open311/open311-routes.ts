/**
 * Open311 GeoReport v2 at /open311/v2/ (docs/integrations.md): the services (the 13 categories), posting a service
 * request with an admin-issued api_key (queued like every other inbound message, channel 'open311'), and the public
 * status of requests. `.json` or `.xml` by the path; errors as `[{code, description}]`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps/app-deps';
import { hashSecret } from '../../auth/secret-tokens';
import type { RawMessage } from '../../core/raw-message';
import { open311KeyByHash } from '../../db/repos/open311-keys';
import { listPublicRequests, requestByToken, requestsByReference } from '../../db/repos/open311-requests';
import { inboundJobId } from '../../queues/job-ids';
import { loadSettings } from '../../settings';
import { QueueUnavailableError, queueInbound } from '../queue-inbound';
import {
  formatOf,
  Open311Error,
  type Open311Format,
  sendOpen311,
  sendOpen311Error,
  sendOpen311Object,
} from './open311-format';
import { publicServiceRequest } from './open311-public';
import { firstProblem, serviceRequestInput } from './open311-request-input';
import { isServiceCode, OPEN311_SERVICES } from './open311-services';

export const OPEN311_PREFIX = '/open311/v2';
/** How long POST waits for the inbound worker to turn the request into an incident before answering with a token. */
export const POST_WAIT_MS = 5000;
/** The spec's default window of GET requests and the most requests one answer carries. */
const DEFAULT_WINDOW_DAYS = 90;
const MAX_REQUESTS = 1000;

const REQUESTS = { root: 'service_requests', item: 'request' };
const REFERENCE_RE = /^HK-[0-9A-Z]{6}$/;

/** The format an answer (an error too) is given in: the extension of the path's last part. */
function requestFormat(req: FastifyRequest): Open311Format {
  return formatOf(req.url.split('?')[0]?.split('/').pop() ?? '')?.format ?? 'json';
}

function fileFormat(file: string, name: string): Open311Format {
  const f = formatOf(file);
  if (!f || f.name !== name) throw new Open311Error(404, 'alamat tidak dikenal');
  return f.format;
}

function list(value: unknown): string[] | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function date(value: unknown, field: string): Date | null {
  if (value === undefined || value === '') return null;
  // W3C date-time (the spec's format): a date, or a date and time with a zone.
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)
  )
    throw new Open311Error(400, `${field}: gunakan format ISO 8601, misalnya 2026-05-12T08:00:00+08:00`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${field}: tanggal tidak valid`);
  return d;
}

async function waitForReference(deps: AppDeps, token: string): Promise<string | null> {
  const deadline = Date.now() + POST_WAIT_MS;
  while (Date.now() < deadline) {
    const found = await requestByToken(deps.db, token);
    if (found?.reference) return found.reference;
    if (found && found.state !== 'received') return null;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

export async function open311Routes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(
    async (v2) => {
      v2.addHook('onRequest', async (req, reply) => {
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', 'no-store');
        // Public data: civic web apps may read it from the browser. Posting needs an api_key anyway.
        if (req.method === 'GET') reply.header('access-control-allow-origin', '*');
      });
      v2.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
        const format = requestFormat(req);
        const status = err instanceof Open311Error ? err.statusCode : (err.statusCode ?? 500);
        if (status >= 500) {
          deps.logger.error({ reqId: req.id, err: { message: err.message } }, 'open311 request failed');
          return sendOpen311Error(reply, format, status, 'kesalahan internal; coba lagi nanti');
        }
        return sendOpen311Error(
          reply,
          format,
          status,
          err instanceof Open311Error ? err.description : 'permintaan tidak valid',
        );
      });
      v2.setNotFoundHandler((req, reply) => sendOpen311Error(reply, requestFormat(req), 404, 'alamat tidak dikenal'));

      v2.get<{ Params: { file: string } }>('/:file', async (req, reply) => {
        const f = formatOf(req.params.file);
        if (f?.name === 'services')
          return sendOpen311(reply, f.format, { root: 'services', item: 'service' }, OPEN311_SERVICES);
        if (f?.name === 'requests') return listRequests(req, reply, f.format);
        if (f?.name === 'discovery') throw new Open311Error(404, 'discovery tidak tersedia; lihat services.json');
        throw new Open311Error(404, 'alamat tidak dikenal');
      });

      v2.get<{ Params: { file: string } }>('/services/:file', async (req, reply) => {
        const f = formatOf(req.params.file);
        if (!f) throw new Open311Error(404, 'alamat tidak dikenal');
        if (!isServiceCode(f.name)) throw new Open311Error(404, `service_code ${f.name} tidak dikenal`);
        // No service has attributes (metadata is false for all): the definition lists none.
        return sendOpen311Object(reply, f.format, 'service_definition', { service_code: f.name, attributes: [] });
      });

      v2.get<{ Params: { file: string } }>('/requests/:file', async (req, reply) => {
        const f = formatOf(req.params.file);
        if (!f) throw new Open311Error(404, 'alamat tidak dikenal');
        const reference = f.name.toUpperCase();
        if (!REFERENCE_RE.test(reference)) throw new Open311Error(404, 'service_request_id tidak dikenal');
        const rows = await requestsByReference(deps.db, [reference]);
        if (rows.length === 0) throw new Open311Error(404, 'service_request_id tidak dikenal');
        const settings = await loadSettings(deps.db);
        return sendOpen311(
          reply,
          f.format,
          REQUESTS,
          rows.map((r) => publicServiceRequest(r, settings.open311PublicTextCategories)),
        );
      });

      v2.get<{ Params: { file: string } }>('/tokens/:file', async (req, reply) => {
        const f = formatOf(req.params.file);
        if (!f || !/^[0-9a-f-]{36}$/.test(f.name)) throw new Open311Error(404, 'token tidak dikenal');
        const found = await requestByToken(deps.db, f.name);
        const queued = found ? null : await deps.queues.inbound.getJob(inboundJobId('open311', f.name));
        if (!found && !queued) throw new Open311Error(404, 'token tidak dikenal');
        return sendOpen311(reply, f.format, REQUESTS, [
          { service_request_id: found?.reference ?? null, token: f.name },
        ]);
      });

      v2.post<{ Params: { file: string } }>('/:file', async (req, reply) => {
        const format = fileFormat(req.params.file, 'requests');
        const parsed = serviceRequestInput.safeParse(req.body ?? {});
        if (!parsed.success) {
          const missingKey = parsed.error.issues.some((i) => i.path[0] === 'api_key');
          throw new Open311Error(missingKey ? 403 : 400, firstProblem(parsed.error));
        }
        const input = parsed.data;
        const key = await open311KeyByHash(deps.db, hashSecret(input.api_key));
        if (!key) throw new Open311Error(403, 'api_key tidak valid atau sudah dicabut');
        const token = randomUUID();
        const { api_key: _secret, ...fields } = input;
        const params = Object.fromEntries(
          Object.entries({ ...fields, client: key.name, client_key_id: key.id }).flatMap(([k, v]) =>
            typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
          ),
        );
        const raw: RawMessage = {
          channel: 'open311',
          provider: 'open311',
          externalId: token,
          receivedAt: new Date().toISOString(),
          from: key.name,
          subject: null,
          text: input.description,
          params,
          geo:
            input.lat !== undefined && input.long !== undefined
              ? { latitude: input.lat, longitude: input.long, address: input.address_string ?? null }
              : null,
        };
        try {
          await queueInbound(deps, raw);
        } catch (err) {
          if (err instanceof QueueUnavailableError)
            throw new Open311Error(503, 'antrean sedang tidak tersedia; kirim ulang nanti');
          throw err;
        }
        const reference = await waitForReference(deps, token);
        const notice = 'Laporan diterima Badan Kesbangpol dan Linmas Kota Palopo.';
        return sendOpen311(reply, format, REQUESTS, [
          reference
            ? { service_request_id: reference, service_notice: notice, account_id: null }
            : { token, service_notice: notice, account_id: null },
        ]);
      });

      async function listRequests(req: FastifyRequest, reply: FastifyReply, format: Open311Format) {
        const q = (req.query ?? {}) as Record<string, unknown>;
        const settings = await loadSettings(deps.db);
        const show = (rows: Awaited<ReturnType<typeof listPublicRequests>>) =>
          sendOpen311(
            reply,
            format,
            REQUESTS,
            rows.map((r) => publicServiceRequest(r, settings.open311PublicTextCategories)),
          );
        // The spec: with service_request_id, every other parameter is ignored.
        const ids = list(q.service_request_id);
        if (ids) {
          const references = ids.map((s) => s.toUpperCase());
          if (references.length > 100 || references.some((r) => !REFERENCE_RE.test(r)))
            throw new Open311Error(400, 'service_request_id: kode seperti HK-7Q3F2K, paling banyak 100');
          return show(await requestsByReference(deps.db, references));
        }
        const codes = list(q.service_code);
        if (codes?.some((c) => !isServiceCode(c))) throw new Open311Error(400, 'service_code tidak dikenal');
        const statuses = list(q.status);
        if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
          throw new Open311Error(400, 'status: open atau closed');
        const end = date(q.end_date, 'end_date') ?? new Date();
        const start = date(q.start_date, 'start_date') ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
        if (start > end) throw new Open311Error(400, 'start_date harus sebelum end_date');
        const dbStatuses = statuses
          ? statuses.flatMap((s) => (s === 'open' ? ['new', 'verified', 'in_progress'] : ['resolved', 'rejected']))
          : null;
        return show(
          await listPublicRequests(deps.db, {
            categories: codes,
            statuses: dbStatuses,
            start,
            end,
            limit: MAX_REQUESTS,
          }),
        );
      }
    },
    { prefix: OPEN311_PREFIX },
  );
}

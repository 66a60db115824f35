/**
 * Open311 GeoReport v2 through a real HTTP listener and the real inbound queue and worker: an admin issues a key, a
 * client written from the spec lists the services, posts a request and reads its status, in JSON and XML; the
 * report is an incident of channel open311 with the place kept; the public never sees who reported or what they
 * wrote unless the office opened the category.
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'bullmq';
import { createOpen311Preparer } from '../../src/channels/open311/open311-preparer';
import { open311Routes } from '../../src/channels/open311/open311-routes';
import { createPreparerRegistry } from '../../src/channels/registry';
import { CATEGORIES } from '../../src/core/normalized-message';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { createInboundProcessor } from '../../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../../src/queues/job-options';
import { INBOUND_QUEUE } from '../../src/queues/queue-names';
import { createWorkerConnection } from '../../src/queues/redis-connections';
import { captureLogger } from '../helpers/test-logger';
import { REDIS_URL } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';
import { bearer, startWorkspace, type Workspace } from '../http/workspace-harness';
import { Open311Client } from './open311-client';

let ws: Workspace;
let worker: Worker;
let base: string;
let apiKey: string;
let keyId: string;

const REPORTER = {
  first_name: 'Budi',
  last_name: 'Santoso',
  email: 'budi.santoso@example.com',
  phone: '0812-9876-5432',
};
const DESCRIPTION = 'Banjir setinggi lutut di Jl. Andi Djemma, rumah Pak Budi nomor 0812-9876-5432 terendam';

beforeAll(async () => {
  ws = await startWorkspace('open311', { routes: [open311Routes] });
  const gazetteer = () => loadGazetteer(ws.config.REGION_CODE);
  const { logger } = captureLogger();
  worker = new Worker(
    INBOUND_QUEUE,
    createInboundProcessor({
      db: ws.database.db,
      queues: ws.queues,
      preparers: createPreparerRegistry({
        byChannel: { open311: createOpen311Preparer({ gazetteer, timezone: ws.config.TIMEZONE }) },
      }),
      gazetteer: gazetteer(),
      timezone: ws.config.TIMEZONE,
      ackReplies: true,
      logger,
    }),
    {
      connection: createWorkerConnection(REDIS_URL),
      prefix: ws.config.QUEUE_PREFIX,
      concurrency: 2,
      ...WORKER_OPTIONS,
    },
  );
  worker.on('error', () => {});
  await ws.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ws.app.server.address() as AddressInfo).port}/open311/v2`;
  const key = await ws.app.inject({
    method: 'POST',
    url: '/api/open311/keys',
    headers: bearer(ws, 'admin'),
    payload: { name: 'Aplikasi Palopo Smart City' },
  });
  expect(key.statusCode).toBe(201);
  ({ apiKey, id: keyId } = key.json());
});
afterAll(async () => {
  await worker?.close();
  await worker?.disconnect();
  await ws?.close();
});

test('keys: shown once, listed without the key, strict names, admins only', async () => {
  expect(apiKey).toMatch(/^o311_/);
  const list = await ws.app.inject({ method: 'GET', url: '/api/open311/keys', headers: bearer(ws, 'admin') });
  expect(list.json().items).toEqual([
    expect.objectContaining({ id: keyId, name: 'Aplikasi Palopo Smart City', revokedAt: null }),
  ]);
  expect(list.body).not.toContain(apiKey);
  for (const payload of [{}, { name: '' }, { name: 'x'.repeat(201) }, { name: 'a', extra: true }]) {
    const res = await ws.app.inject({
      method: 'POST',
      url: '/api/open311/keys',
      headers: bearer(ws, 'admin'),
      payload,
    });
    expect(res.statusCode).toBe(400);
  }
  const asOperator = await ws.app.inject({ method: 'GET', url: '/api/open311/keys', headers: bearer(ws, 'operator') });
  expect(asOperator.statusCode).toBe(403);
  const badId = await ws.app.inject({ method: 'DELETE', url: '/api/open311/keys/x1', headers: bearer(ws, 'admin') });
  expect(badId.statusCode).toBe(400);
});

test('a client from the spec lists services, posts a request and reads its status (JSON)', async () => {
  const client = new Open311Client(base, apiKey);
  const services = await client.services();
  expect(services.status).toBe(200);
  expect(services.contentType).toContain('application/json');
  const list = services.data as Record<string, unknown>[];
  expect(list.map((s) => s.service_code)).toEqual([...CATEGORIES]);
  for (const s of list) {
    expect(s).toEqual(
      expect.objectContaining({
        service_name: expect.any(String),
        metadata: false,
        type: 'realtime',
        description: expect.any(String),
      }),
    );
  }
  const definition = await client.serviceDefinition('bencana');
  expect(definition.data).toEqual({ service_code: 'bencana', attributes: [] });

  const id = await client.submit({
    service_code: 'bencana',
    lat: '-2.9925',
    long: '120.1969',
    address_string: 'Jl. Andi Djemma, Kel. Amassangan, Kec. Wara',
    description: DESCRIPTION,
    ...REPORTER,
  });
  expect(id).toMatch(/^HK-[0-9A-Z]{6}$/);

  const read = await client.request(id);
  expect(read.status).toBe(200);
  const [request] = read.data as Record<string, unknown>[];
  expect(request).toEqual(
    expect.objectContaining({
      service_request_id: id,
      status: 'open',
      service_code: 'bencana',
      service_name: 'Bencana / kebakaran',
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updated_datetime: expect.any(String),
      address: expect.stringContaining('Kota Palopo'),
    }),
  );
  // Nothing of the reporter, nor their words, nor coordinates, in the public answer.
  for (const secret of ['Budi', 'Santoso', 'budi.santoso', '9876', 'Banjir setinggi'])
    expect(read.body).not.toContain(secret);
  expect(request).not.toHaveProperty('lat');
  expect(request).not.toHaveProperty('description');

  // The incident behind it: channel open311, the client system as the source, the place kept, the reporter known to staff.
  const incident = await ws.database.db
    .selectFrom('incidents')
    .innerJoin('raw_messages', 'raw_messages.id', 'incidents.first_raw_message_id')
    .innerJoin('contacts', 'contacts.id', 'incidents.contact_id')
    .select([
      'incidents.channel',
      'incidents.category',
      'incidents.latitude',
      'incidents.longitude',
      'incidents.location_text',
      'raw_messages.from_address',
      'contacts.address as contact',
      'contacts.name as contact_name',
    ])
    .where('incidents.reference', '=', id)
    .executeTakeFirstOrThrow();
  expect(incident).toEqual({
    channel: 'open311',
    category: 'bencana',
    latitude: -2.9925,
    longitude: 120.1969,
    location_text: 'Jl. Andi Djemma, Kel. Amassangan, Kec. Wara',
    from_address: 'Aplikasi Palopo Smart City',
    contact: '+6281298765432',
    contact_name: 'Budi Santoso',
  });
  // No acknowledgement can go back by Open311: nothing in the outbox for it.
  const outbox = await ws.database.db
    .selectFrom('outbound_messages')
    .select('id')
    .where('purpose', '=', 'ack')
    .execute();
  expect(outbox).toEqual([]);

  // Staff close it: the status the client reads follows.
  const row = await ws.database.db
    .selectFrom('incidents')
    .select('id')
    .where('reference', '=', id)
    .executeTakeFirstOrThrow();
  const patch = await ws.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${row.id}`,
    headers: bearer(ws, 'operator'),
    payload: { status: 'rejected' },
  });
  expect(patch.statusCode).toBe(200);
  const after = (await client.request(id.toLowerCase())).data as Record<string, unknown>[];
  expect(after[0]).toEqual(expect.objectContaining({ status: 'closed', expected_datetime: null }));
  const closed = await client.requests({ status: 'closed', service_code: 'bencana' });
  expect((closed.data as Record<string, unknown>[]).map((r) => r.service_request_id)).toContain(id);
  const open = await client.requests({ status: 'open' });
  expect((open.data as Record<string, unknown>[]).map((r) => r.service_request_id)).not.toContain(id);
});

test('the same conversation in XML', async () => {
  const client = new Open311Client(base, apiKey, 'xml');
  const services = await client.services();
  expect(services.contentType).toContain('text/xml');
  expect(services.body.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service>')).toBe(true);
  expect(client.rows(services.data, 'services', 'service')).toHaveLength(13);
  const id = await client.submit({
    service_code: 'unjuk_rasa',
    address_string: 'Depan kantor DPRD, Kel. Amassangan',
    description: 'Ada rencana demo mahasiswa besok pagi di depan kantor DPRD',
  });
  const read = await client.request(id);
  const [request] = client.rows(read.data, 'service_requests', 'request');
  expect(request).toEqual(
    expect.objectContaining({ service_request_id: id, status: 'open', service_code: 'unjuk_rasa' }),
  );
  const many = await client.requests({ service_request_id: id });
  expect(client.rows(many.data, 'service_requests', 'request')).toHaveLength(1);
  const error = await client.request('HK-000000');
  expect(error.status).toBe(404);
  const [e] = client.rows(error.data, 'errors', 'error');
  expect(e).toEqual({ code: '404', description: expect.any(String) });
});

test('errors follow the spec: [{code, description}] with the HTTP status', async () => {
  const client = new Open311Client(base, apiKey);
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ service_code: 'bencana', address_string: 'Kel. Balandai', description: 'x', api_key: '' }, 403, /api_key/],
    [
      { service_code: 'bencana', address_string: 'Kel. Balandai', description: 'x', api_key: 'o311_palsu' },
      403,
      /api_key/,
    ],
    [{ service_code: 'parkir', address_string: 'Kel. Balandai', description: 'x' }, 400, /service_code/],
    [{ service_code: 'bencana', description: 'x' }, 400, /lokasi/],
    [{ service_code: 'bencana', lat: '-2.99', description: 'x' }, 400, /lat dan long/],
    [{ service_code: 'bencana', lat: '91', long: '120', description: 'x' }, 400, /lat/],
    [{ service_code: 'bencana', address_string: 'Kel. Balandai' }, 400, /description/],
    [{ service_code: 'bencana', address_string: 'Kel. Balandai', description: 'x'.repeat(4001) }, 400, /description/],
  ];
  for (const [fields, status, description] of cases) {
    const res = await client.postRequest(fields);
    expect(res.status).toBe(status);
    expect(res.data).toEqual([{ code: status, description: expect.stringMatching(description) }]);
  }
  for (const [query, pattern] of [
    [{ start_date: 'kemarin' }, /start_date/],
    [{ status: 'pending' }, /status/],
    [{ service_code: 'parkir' }, /service_code/],
    [{ service_request_id: "HK-1' or 1=1" }, /service_request_id/],
    [{ start_date: '2026-05-02', end_date: '2026-05-01' }, /start_date/],
  ] as [Record<string, string>, RegExp][]) {
    const res = await client.requests(query);
    expect(res.status).toBe(400);
    expect(res.data).toEqual([{ code: 400, description: expect.stringMatching(pattern) }]);
  }
  for (const path of [
    'services/parkir.json',
    'requests/1.json',
    'tokens/not-a-token.json',
    'nothing.json',
    'services.csv',
  ]) {
    const res = await fetch(`${base}/${path}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  }
});

test("a revoked key is refused; the office can open a category's text (masked) to the public", async () => {
  const second = await ws.app.inject({
    method: 'POST',
    url: '/api/open311/keys',
    headers: bearer(ws, 'admin'),
    payload: { name: 'Sistem BPBD' },
  });
  const client = new Open311Client(base, second.json().apiKey);
  const id = await client.submit({
    service_code: 'bencana',
    address_string: 'Kel. Balandai',
    description: 'Pohon tumbang menutup jalan, hubungi 0812-1111-2222',
  });
  const settings = await ws.app.inject({
    method: 'PUT',
    url: '/api/settings',
    headers: bearer(ws, 'admin'),
    payload: { open311PublicTextCategories: ['bencana'] },
  });
  expect(settings.statusCode).toBe(200);
  const [shown] = (await client.request(id)).data as Record<string, string>[];
  expect(shown?.description).toContain('Pohon tumbang');
  expect(shown?.description).not.toContain('1111-2222');

  const revoke = await ws.app.inject({
    method: 'DELETE',
    url: `/api/open311/keys/${second.json().id}`,
    headers: bearer(ws, 'admin'),
  });
  expect(revoke.statusCode).toBe(204);
  const refused = await client.postRequest({
    service_code: 'bencana',
    address_string: 'Kel. Balandai',
    description: 'x',
  });
  expect(refused.status).toBe(403);
  // Reading stays public.
  expect((await client.request(id)).status).toBe(200);
});

test('while the queue is behind, POST answers with a token that later resolves to the id', async () => {
  await worker.pause();
  const client = new Open311Client(base, apiKey);
  const posted = await client.postRequest({
    service_code: 'konflik_sosial',
    address_string: 'Kel. Amassangan',
    description: 'Dua kelompok pemuda saling lempar batu di lapangan',
  });
  expect(posted.status).toBe(200);
  const [answer] = posted.data as Record<string, string>[];
  expect(answer).not.toHaveProperty('service_request_id');
  expect(answer?.token).toMatch(/^[0-9a-f-]{36}$/);
  const pending = (await client.token(answer!.token!)).data as Record<string, unknown>[];
  expect(pending).toEqual([{ service_request_id: null, token: answer!.token }]);
  worker.resume();
  const id = await client.submit({
    service_code: 'konflik_sosial',
    address_string: 'Kel. Amassangan',
    description: 'Susulan: sudah bubar',
  });
  expect(id).toMatch(/^HK-/);
  // The worker takes both jobs at once when it resumes: the second can be stored before the first.
  const resolved = await waitFor(
    async () => {
      const [row] = (await client.token(answer!.token!)).data as Record<string, unknown>[];
      return row?.service_request_id ? row : null;
    },
    { what: 'the first token resolved' },
  );
  expect(resolved.service_request_id).toMatch(/^HK-/);
});

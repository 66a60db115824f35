/**
 * The follow-up API on a real workspace (database, Redis queues, inbound processor and normalizer): forwarding
 * leaves the reporter's identity out unless asked (and audits it), a stakeholder's answer joins the thread, the
 * workspace acknowledgement needs CSRF, raising the priority alerts the people on duty, the roster API, the
 * `due=overdue` filter, and the daily summary written once per day.
 */

import { createPreparerRegistry } from '../../src/channels/registry';
import type { RawMessage } from '../../src/core/raw-message';
import { insertDuty } from '../../src/db/repos/duty-roster';
import { writeSetting } from '../../src/db/repos/settings';
import { writeDailySummary } from '../../src/follow-up/daily-summary-job';
import { processInbound } from '../../src/processors/inbound-processor';
import { loadSettings } from '../../src/settings';
import { inboundDeps } from '../helpers/inbound-deps';
import { bearer, login, sms, startWorkspace, type Workspace } from '../http/workspace-harness';

let ws: Workspace;
const REPORTER = '+6281234568901';
const POLRES = '+6281199990001';

beforeAll(async () => {
  ws = await startWorkspace('follow_api');
});
afterAll(async () => ws.close());

const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  role: 'admin' | 'operator' | 'viewer' = 'admin',
) =>
  ws.app.inject({
    method,
    url,
    headers: bearer(ws, role),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function stakeholder(body: Record<string, unknown>): Promise<string> {
  const res = await api('POST', '/api/stakeholders', body);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('forwarding to stakeholders', () => {
  let incidentId: string;
  let reference: string;
  let polres: string;
  let bpbd: string;

  beforeAll(async () => {
    incidentId = await ws.ingest({
      ...sms(
        'Saya Rahmat Hidayat, hp 0812 3456 8901, ada tawuran pemuda di kelurahan Amassangan, batu beterbangan',
        REPORTER,
      ),
      text: 'Saya Rahmat Hidayat, hp 0812 3456 8901, ada tawuran pemuda di kelurahan Amassangan, batu beterbangan',
      profileName: 'Rahmat Hidayat',
    });
    const row = await ws.database.db
      .selectFrom('incidents')
      .select(['reference', 'kecamatan_code'])
      .where('id', '=', incidentId)
      .executeTakeFirstOrThrow();
    reference = row.reference;
    polres = await stakeholder({
      name: 'Polres Palopo',
      agency: 'Polri',
      channel: 'sms',
      phone: POLRES,
      categories: ['konflik_sosial', 'kriminalitas'],
    });
    bpbd = await stakeholder({
      name: 'BPBD Palopo',
      channel: 'email',
      email: 'bpbd@palopokota.go.id',
      categories: ['bencana'],
    });
    await stakeholder({
      name: 'Camat Wara',
      channel: 'whatsapp',
      phone: '+6281199990002',
      categories: [],
      kecamatanCodes: [row.kecamatan_code],
    });
  });

  test('suggestions follow category and kecamatan', async () => {
    const res = await api('GET', `/api/incidents/${incidentId}/stakeholder-suggestions`, undefined, 'viewer');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { name: string }) => s.name)).toEqual(['Polres Palopo', 'Camat Wara']);
  });

  test('the reporter identity is left out by default, included on request, and both are audited', async () => {
    const res = await api(
      'POST',
      `/api/incidents/${incidentId}/forwards`,
      { stakeholderIds: [polres], note: 'Mohon pengamanan' },
      'operator',
    );
    expect(res.statusCode).toBe(202);
    const [row] = await ws.database.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('purpose', '=', 'forward')
      .execute();
    expect(row).toMatchObject({ channel: 'sms', transport: 'smssync', to_address: POLRES });
    expect(row!.body).toContain(reference);
    expect(row!.body).toContain('Mohon pengamanan');
    expect(row!.body).not.toMatch(/3456\s?8901|Rahmat|81234568901/);

    const withReporter = await api(
      'POST',
      `/api/incidents/${incidentId}/forwards`,
      { stakeholderIds: [bpbd], note: '', includeReporter: true },
      'operator',
    );
    expect(withReporter.statusCode).toBe(202);
    const email = await ws.database.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('to_address', '=', 'bpbd@palopokota.go.id')
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({ channel: 'email', transport: 'smtp', purpose: 'forward' });
    expect(email.body).toContain(REPORTER);

    const audit = await ws.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'incident.forward')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => (a.details as { includeReporter: boolean }).includeReporter)).toEqual([false, true]);

    const detail = (await api('GET', `/api/incidents/${incidentId}`, undefined, 'operator')).json();
    expect(
      detail.forwards.map((f: { stakeholder: { name: string }; includeReporter: boolean }) => [
        f.stakeholder.name,
        f.includeReporter,
      ]),
    ).toEqual([
      ['Polres Palopo', false],
      ['BPBD Palopo', true],
    ]);
    const out = detail.messages.filter((m: { purpose: string }) => m.purpose === 'forward');
    expect(out).toHaveLength(2);
  });

  test("a stakeholder's SMS quoting the code joins the thread, with no automatic answer", async () => {
    const before = (
      await ws.database.db.selectFrom('incident_messages').select('id').where('incident_id', '=', incidentId).execute()
    ).length;
    const joined = await ws.ingest({
      ...sms(`Sudah kami tangani, personel meluncur. ${reference}`, POLRES),
      text: `Sudah kami tangani, personel meluncur. ${reference}`,
    });
    expect(joined).toBe(incidentId);
    const thread = await ws.database.db
      .selectFrom('incident_messages')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('id')
      .execute();
    expect(thread).toHaveLength(before + 1);
    expect(thread.at(-1)).toMatchObject({ direction: 'in', from_address: POLRES });
    const answers = await ws.database.db
      .selectFrom('outbound_messages')
      .select('purpose')
      .where('to_address', '=', POLRES)
      .execute();
    expect(answers.map((a) => a.purpose)).toEqual(['forward']);
  });

  test("a stakeholder's email answering the forward's Message-ID joins the thread", async () => {
    const forwardMessage = await ws.database.db
      .selectFrom('incident_messages')
      .select('email_message_id')
      .where('incident_id', '=', incidentId)
      .where('channel', '=', 'email')
      .where('direction', '=', 'out')
      .executeTakeFirstOrThrow();
    expect(forwardMessage.email_message_id).toMatch(/^halo-fwd-[0-9a-f-]+@/);
    // The email preparer is another channel's work: a minimal one stands in, giving what it gives (In-Reply-To).
    const emailPreparer = async (raw: RawMessage) => ({
      input: {
        channel: 'email' as const,
        from: raw.from,
        subject: raw.subject ?? null,
        text: raw.text ?? '',
        receivedAt: raw.receivedAt,
      },
      body: raw.text ?? '',
      html: null,
      attachments: [],
      emailMessageId: 'reply-1@palopokota.go.id',
      inReplyTo: [forwardMessage.email_message_id!],
    });
    const outcome = await processInbound(
      {
        raw: {
          channel: 'email',
          provider: 'imap',
          externalId: 'reply-1@palopokota.go.id',
          receivedAt: new Date().toISOString(),
          from: 'BPBD Palopo <bpbd@palopokota.go.id>',
          subject: 'Re: Penerusan laporan',
          text: 'Tim BPBD siaga di lokasi.',
        },
      },
      inboundDeps(ws.database.db, {
        queues: ws.queues,
        preparers: createPreparerRegistry({ byChannel: { email: emailPreparer } }),
      }),
    );
    expect(outcome).toMatchObject({ state: 'processed', incidentId });
    const last = await ws.database.db
      .selectFrom('incident_messages')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.body).toBe('Tim BPBD siaga di lokasi.');
  });

  test('forwarding to an unknown stakeholder is refused, and viewers may not forward', async () => {
    expect(
      (await api('POST', `/api/incidents/${incidentId}/forwards`, { stakeholderIds: ['999999'] }, 'operator'))
        .statusCode,
    ).toBe(400);
    expect(
      (await api('POST', `/api/incidents/${incidentId}/forwards`, { stakeholderIds: [polres] }, 'viewer')).statusCode,
    ).toBe(403);
  });
});

describe('acknowledgement, priority raised, roster API', () => {
  test('raising the priority to urgent alerts the person on duty; the workspace acknowledgement needs CSRF', async () => {
    const rosterRes = await api('POST', '/api/duty', { name: 'Sari', phone: '0811-4444-5555', days: '1-7' });
    expect(rosterRes.statusCode).toBe(201);
    expect(rosterRes.json()).toMatchObject({
      name: 'Sari',
      phone: '+6281144445555',
      channel: 'sms',
      days: [1, 2, 3, 4, 5, 6, 7],
    });
    const now = await api('GET', '/api/duty/now', undefined, 'viewer');
    expect(now.json().items.map((p: { name: string }) => p.name)).toContain('Sari');

    const id = await ws.ingest({
      ...sms('Lampu jalan di depan rumah saya mati sudah seminggu'),
      text: 'Lampu jalan di depan rumah saya mati sudah seminggu',
    });
    const patch = await api('PATCH', `/api/incidents/${id}`, { priority: 'urgent' }, 'operator');
    expect(patch.statusCode).toBe(200);
    const alerts = await ws.database.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('incident_id', '=', id)
      .where('purpose', '=', 'alert')
      .execute();
    expect(alerts.map((a) => a.to_address)).toEqual(['+6281144445555']);
    // The same change again (priority lowered and raised) never alerts twice.
    await api('PATCH', `/api/incidents/${id}`, { priority: 'normal' }, 'operator');
    await api('PATCH', `/api/incidents/${id}`, { priority: 'urgent' }, 'operator');
    expect(
      (
        await ws.database.db
          .selectFrom('outbound_messages')
          .select('id')
          .where('incident_id', '=', id)
          .where('purpose', '=', 'alert')
          .execute()
      ).length,
    ).toBe(1);

    const session = await login(ws, 'operator');
    const noCsrf = await ws.app.inject({
      method: 'POST',
      url: `/api/incidents/${id}/ack`,
      headers: { cookie: session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const ack = await ws.app.inject({
      method: 'POST',
      url: `/api/incidents/${id}/ack`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledged: true, acknowledgedBy: 'Petugas operator' });
    const again = await api('POST', `/api/incidents/${id}/ack`, undefined, 'operator');
    expect(again.json().acknowledged).toBe(false);
    const detail = (await api('GET', `/api/incidents/${id}`, undefined, 'viewer')).json();
    expect(detail.followUp.acknowledgedBy).toBe('Petugas operator');
    expect(detail.followUp.alerts).toHaveLength(1);
  });

  test('an urgent-sounding auto-reply and urgent-sounding noise alert nobody, even with someone on duty', async () => {
    const preparer = async (raw: RawMessage) => ({
      input: {
        channel: 'email' as const,
        from: raw.from,
        subject: raw.subject ?? null,
        text: raw.text ?? '',
        receivedAt: raw.receivedAt,
        headers: { 'auto-submitted': 'auto-replied' },
      },
      body: raw.text ?? '',
      html: null,
      attachments: [],
    });
    const outcome = await processInbound(
      {
        raw: {
          channel: 'email',
          provider: 'imap',
          externalId: 'auto-1@example.com',
          receivedAt: new Date().toISOString(),
          from: 'warga@example.com',
          subject: 'Automatic reply: tawuran',
          text: 'Saya sedang cuti. Darurat tawuran bentrok korban luka, segera hubungi kantor.',
        },
      },
      inboundDeps(ws.database.db, {
        queues: ws.queues,
        preparers: createPreparerRegistry({ byChannel: { email: preparer } }),
      }),
    );
    expect(outcome).toMatchObject({ state: 'processed', kind: 'auto_reply', incidentId: null });
    const noise = await processInbound({ raw: sms('tes') }, inboundDeps(ws.database.db, { queues: ws.queues }));
    expect(noise).toMatchObject({ state: 'processed', kind: 'noise', incidentId: null });
    const alerts = await ws.database.db
      .selectFrom('outbound_messages')
      .select('id')
      .where('purpose', '=', 'alert')
      .where('incident_id', 'is', null)
      .execute();
    expect(alerts).toHaveLength(0);
    expect(await ws.database.db.selectFrom('incident_alerts').select('id').execute()).toHaveLength(1);
  });

  test.each([
    ['no address', { name: 'X' }, /kanal sms memerlukan|telepon/],
    ['hours without the other end', { name: 'X', phone: '08114444555', from: '22:00' }, /kedua jam/],
    ['bad days', { name: 'X', phone: '08114444555', days: '0-8' }, /1 = Senin/],
  ])('roster entries are validated: %s', async (_label, body, message) => {
    const res = await api('POST', '/api/duty', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  test('only admins edit the roster', async () => {
    expect((await api('POST', '/api/duty', { name: 'Y', phone: '08114444666' }, 'operator')).statusCode).toBe(403);
  });
});

describe('deadlines and the daily summary', () => {
  test('due dates are filled at creation; the list filters overdue ones', async () => {
    const id = await ws.ingest({
      ...sms('Ada keributan di pasar, mohon dicek'),
      text: 'Ada keributan di pasar, mohon dicek',
      receivedAt: '2025-05-12T01:00:00.000Z',
    });
    const row = await ws.database.db
      .selectFrom('incidents')
      .select(['due_at', 'verify_due_at', 'resolve_due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.due_at).not.toBeNull();
    expect(row.resolve_due_at!.getTime()).toBeGreaterThan(row.verify_due_at!.getTime());
    const overdue = await api('GET', '/api/incidents?due=overdue&limit=200', undefined, 'viewer');
    expect(overdue.statusCode).toBe(200);
    const ids = overdue.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(id);
    for (const item of overdue.json().items) expect(new Date(item.dueAt).getTime()).toBeLessThan(Date.now());
    expect((await api('GET', '/api/incidents?due=soon', undefined, 'viewer')).statusCode).toBe(400);

    // Resolving it meets the last target: nothing is due any more.
    for (const status of ['verified', 'in_progress', 'resolved']) {
      expect((await api('PATCH', `/api/incidents/${id}`, { status }, 'operator')).statusCode).toBe(200);
    }
    const after = await ws.database.db
      .selectFrom('incidents')
      .select(['due_at', 'resolved_at', 'verified_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.due_at).toBeNull();
    expect(after.resolved_at).not.toBeNull();
    expect(after.verified_at).not.toBeNull();
  });

  test('the daily summary is written once per day and recipient, and only from the configured hour', async () => {
    await writeSetting(ws.database.db, 'dailySummaryRecipients', ['kaban@palopokota.go.id'], null);
    await writeSetting(ws.database.db, 'dailySummaryHour', 7, null);
    const settings = await loadSettings(ws.database.db);
    const ctx = (iso: string) => ({
      settings,
      timezone: 'Asia/Makassar',
      publicUrl: 'https://halo.example',
      now: new Date(iso),
    });
    expect(await writeDailySummary(ws.database.db, ctx('2030-01-02T22:30:00Z'))).toEqual([]); // 06:30 WITA
    const first = await writeDailySummary(ws.database.db, ctx('2030-01-02T23:00:00Z')); // 07:00 WITA
    expect(first).toHaveLength(1);
    expect(await writeDailySummary(ws.database.db, ctx('2030-01-03T01:00:00Z'))).toEqual([]); // later that day
    const row = await ws.database.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('id', '=', first[0]!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      purpose: 'summary',
      channel: 'email',
      transport: 'smtp',
      to_address: 'kaban@palopokota.go.id',
    });
    expect(row.subject).toContain('2030-01-03');
  });
});

test('GET /api/duty lists the roster in escalation order, people added last at the end', async () => {
  const a = await insertDuty(ws.database.db, {
    name: 'Z',
    phone: '+6281100009999',
    whatsapp: null,
    email: null,
    channel: 'sms',
    days: [],
    from: null,
    to: null,
  });
  const list = (await api('GET', '/api/duty', undefined, 'viewer')).json().items;
  expect(list.at(-1).id).toBe(a);
});

/**
 * Settings validated by one schema: `PUT /api/settings` answers 400 naming the field for any invalid value, and no
 * value a setting can hold stops messages from being stored: the extremes of every setting go through the real
 * queue and worker. Holidays: national ones from date-holidays plus the admins' list, used by deadlines.
 */
import { sql } from 'kysely';
import { writeSetting } from '../../src/db/repos/settings';
import { DEFAULT_SETTINGS, loadSettings, SETTING_KEYS, type Settings } from '../../src/settings';
import { waitFor } from '../helpers/wait-for';
import { bearer, sms, startWorkspace, type Workspace } from './workspace-harness';

let ws: Workspace;
beforeAll(async () => {
  ws = await startWorkspace('settings_form', { worker: true });
}, 30_000);
afterAll(async () => ws?.close());

const put = (payload: object) =>
  ws.app.inject({ method: 'PUT', url: '/api/settings', headers: bearer(ws, 'admin'), payload });

const MB = 1024 * 1024;
const days = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    name: `Libur ${i + 1}`,
  }));
const every = (t: object) => ({ verify: t, answer: t, resolve: t });

/** The smallest and the largest value each setting accepts. A new setting without its extremes fails here. */
const EXTREMES: Record<keyof Settings, [unknown, unknown]> = {
  ackTemplate: ['{reference}', `{reference} ${'x'.repeat(628)}`],
  statusTemplate: ['{reference}{status}', `{reference} {status} {update} ${'é'.repeat(600)}`],
  statusNotFoundText: ['-', 'y'.repeat(320)],
  autoRepliesPerHour: [0, 100],
  ackMaxAgeHours: [0, 720],
  statusListTemplate: ['{list}', `${'x'.repeat(634)}{list}`],
  statusNoneText: ['x', 'x'.repeat(320)],
  helpHowToReportText: ['x', 'x'.repeat(640)],
  helpOfficeHoursText: ['x', 'x'.repeat(640)],
  helpAboutText: ['x', 'x'.repeat(640)],
  questionRepliesPerHour: [0, 100],
  threadWindowHours: [0, 168],
  appCodeTemplate: ['{code}', `${'x'.repeat(314)}{code}`],
  appReplySmsMinutes: [0, 10_080],
  appPhotoMaxBytes: [1000, 20 * 1024 * 1024],
  open311PublicTextCategories: [[], ['konflik_sosial', 'bencana', 'lainnya']],
  whatsappTemplates: [
    {},
    Object.fromEntries(
      ['ack', 'status_answer', 'reply', 'alert', 'forward', 'summary'].map((p) => [
        p,
        { contentSid: `HX${'a'.repeat(32)}`, variables: { '1': '{reference}', '99': 'z'.repeat(200) } },
      ]),
    ),
  ],
  duplicateWindowHours: [0, 720],
  locationFollowUpMinutes: [0, 1440],
  mediaMaxBytes: [0, 50 * MB],
  alertHighPriority: [false, true],
  escalationMinutes: [0.05, 1440],
  smsTransport: ['smssync', 'twilio'],
  dailySummaryHour: [0, 23],
  dailySummaryRecipients: [[], Array.from({ length: 20 }, (_, i) => `kepala${i}@palopokota.go.id`)],
  deadlineTargets: [
    {
      urgent: every({ minutes: 1 }),
      high: every({ workingHours: 0.5 }),
      normal: every({ workingDays: 1 }),
      low: every({ minutes: 1 }),
    },
    {
      urgent: every({ minutes: 10_080 }),
      high: every({ workingHours: 400 }),
      normal: every({ workingDays: 60 }),
      low: every({ workingDays: 60 }),
    },
  ],
  workingDays: [[7], [1, 2, 3, 4, 5, 6, 7]],
  workingHours: [
    { from: '23:59', to: '24:00' },
    { from: '00:00', to: '24:00' },
  ],
  holidays: [[], days(200)],
  emailBackfillDays: [0, 365],
  emailAttachmentMaxBytes: [0, 50 * MB],
  emailAttachmentsMaxTotalBytes: [0, 100 * MB],
};

test('every setting has its extremes in this test', () => {
  expect(Object.keys(EXTREMES).sort()).toEqual([...SETTING_KEYS].sort());
});

/** An urgent and an ordinary report, a status question, through the queue: each must be stored. */
let run = 0;

async function messagesStillStored(label: string): Promise<void> {
  const before = await ws.database.db
    .selectFrom('incidents')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const texts = [
    `Tawuran sekarang di Kel. Tompotikka, ada korban, tolong segera (${label})`,
    `Ada pesta miras di lorong dekat pasar Kel. Balandai, warga resah (${label})`,
  ];
  // Numbers of their own in each run: a number's second report within the thread window would join its first.
  run += 1;
  const raws = texts.map((t, i) => sms(t, `+6281200${String(run).padStart(2, '0')}${i}1234`));
  for (const raw of raws) await ws.queues.addInbound(raw);
  await waitFor(
    async () => {
      const rows = await ws.database.db
        .selectFrom('raw_messages')
        .select(['state'])
        .where(
          'external_id',
          'in',
          raws.map((r) => r.externalId),
        )
        .execute();
      return rows.length === raws.length && rows.every((r) => r.state === 'processed');
    },
    { timeoutMs: 30_000, what: `messages stored with ${label} settings` },
  );
  const after = await ws.database.db
    .selectFrom('incidents')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  expect(after.n - before.n).toBe(2);
  const failed = await ws.queues.inbound.getFailedCount();
  expect(failed).toBe(0);
}

test.each([
  ['smallest', 0],
  ['largest', 1],
] as const)('the %s value of every setting is accepted and messages are still stored', async (label, i) => {
  const values = Object.fromEntries(Object.entries(EXTREMES).map(([k, v]) => [k, v[i]]));
  const res = await put(values);
  expect(res.statusCode).toBe(200);
  expect(await loadSettings(ws.database.db)).toEqual(values);
  await messagesStillStored(label);
});

test('a value stored by hand that the schema refuses is ignored: the default applies, messages are stored', async () => {
  const db = ws.database.db;
  await writeSetting(db, 'workingHours', { from: '25:00', to: '16:00' }, null);
  await writeSetting(db, 'workingDays', [], null);
  await writeSetting(db, 'deadlineTargets', { urgent: { verify: { minutes: -5 } } }, null);
  await writeSetting(db, 'duplicateWindowHours', 'enam', null);
  const settings = await loadSettings(db);
  expect(settings.workingHours).toEqual(DEFAULT_SETTINGS.workingHours);
  expect(settings.workingDays).toEqual(DEFAULT_SETTINGS.workingDays);
  expect(settings.deadlineTargets).toEqual(DEFAULT_SETTINGS.deadlineTargets);
  expect(settings.duplicateWindowHours).toBe(DEFAULT_SETTINGS.duplicateWindowHours);
  await messagesStillStored('by-hand');
  await put(Object.fromEntries(SETTING_KEYS.map((k) => [k, DEFAULT_SETTINGS[k]])));
});

test.each([
  [{ workingHours: { from: '25:00', to: '16:00' } }, 'workingHours.from'],
  [{ workingHours: { from: '16:00', to: '08:00' } }, 'workingHours.to'],
  [{ workingHours: { from: '8', to: '16:00' } }, 'workingHours.from'],
  [{ workingDays: [] }, 'workingDays'],
  [{ workingDays: [0, 8] }, 'workingDays'],
  [{ ackTemplate: 'Terima kasih, laporan diterima.' }, 'ackTemplate'],
  [{ ackTemplate: 'Kode {reference}, {nama}' }, 'ackTemplate'],
  [{ statusTemplate: '{reference}' }, 'statusTemplate'],
  [{ duplicateWindowHours: -1 }, 'duplicateWindowHours'],
  [{ duplicateWindowHours: 1e9 }, 'duplicateWindowHours'],
  [{ duplicateWindowHours: '6' }, 'duplicateWindowHours'],
  [{ duplicateWindowHours: 1.5 }, 'duplicateWindowHours'],
  [{ escalationMinutes: 0 }, 'escalationMinutes'],
  [{ dailySummaryHour: 24 }, 'dailySummaryHour'],
  [{ dailySummaryRecipients: ['bukan email'] }, 'dailySummaryRecipients'],
  [{ holidays: [{ date: '2026-02-30', name: 'Tidak ada' }] }, 'holidays'],
  [{ holidays: [{ date: '2026-03-23', name: '' }] }, 'holidays'],
  [{ smsTransport: 'pos' }, 'smsTransport'],
  [{ deadlineTargets: { ...DEFAULT_SETTINGS.deadlineTargets, urgent: every({ minutes: 0 }) } }, 'deadlineTargets'],
  [{ deadlineTargets: { urgent: every({ minutes: 5 }) } }, 'deadlineTargets'],
  [{ whatsappTemplates: { ack: { contentSid: 'SM123' } } }, 'whatsappTemplates'],
  [{ whatsappTemplates: { promo: { contentSid: `HX${'a'.repeat(32)}` } } }, 'whatsappTemplates'],
  [{ mediaMaxBytes: 51 * MB }, 'mediaMaxBytes'],
  [{ alertHighPriority: 'ya' }, 'alertHighPriority'],
  [{ unknownSetting: 1 }, 'unknownSetting'],
])('refused with 400 naming the field: %j', async (body, field) => {
  const before = await loadSettings(ws.database.db);
  const res = await put(body);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('bad_setting');
  expect(res.json().error.message).toContain(field);
  expect(await loadSettings(ws.database.db)).toEqual(before);
});

test('each changed setting is one audit line naming it', async () => {
  const res = await put({ duplicateWindowHours: 9, autoRepliesPerHour: 3, escalationMinutes: 12 });
  expect(res.statusCode).toBe(200);
  expect(res.json().changed.sort()).toEqual(['duplicateWindowHours', 'escalationMinutes']);
  const lines = await ws.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'settings.change')
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  expect(lines.map((l) => (l.details as { key: string }).key).sort()).toEqual([
    'duplicateWindowHours',
    'escalationMinutes',
  ]);
  expect(lines.find((l) => (l.details as { key: string }).key === 'duplicateWindowHours')?.details).toMatchObject({
    label: 'Jendela kemungkinan duplikat',
    to: 9,
  });
});

test('template preview: the text a reporter reads, its length and SMS parts', async () => {
  const preview = (text: string) =>
    ws.app.inject({ method: 'POST', url: '/api/settings/preview', headers: bearer(ws, 'admin'), payload: { text } });
  const short = (await preview('Laporan {reference} diterima.')).json();
  expect(short.text).toBe('Laporan HK-7Q3F2K diterima.');
  expect(short.sms).toEqual({ characters: 27, parts: 1, encoding: 'GSM-7', nonGsm: [] });
  // The default acknowledgement, as a reporter gets it: GSM-7, over 160 characters, two parts.
  const ack = (await preview(DEFAULT_SETTINGS.ackTemplate)).json();
  expect(ack.sms.encoding).toBe('GSM-7');
  expect(ack.sms.characters).toBe(ack.text.length);
  expect(ack.sms.parts).toBe(Math.ceil(ack.text.length / 153));
  // An en dash makes the whole message Unicode: 70 characters a part.
  const dash = (await preview('Laporan {reference} – diterima.')).json();
  expect(dash.sms).toMatchObject({ encoding: 'UCS-2', parts: 1, nonGsm: ['–'] });
  const viewer = await ws.app.inject({
    method: 'POST',
    url: '/api/settings/preview',
    headers: bearer(ws, 'viewer'),
    payload: { text: 'x' },
  });
  expect(viewer.statusCode).toBe(403);
});

test("GET /api/holidays: moveable national holidays and the admins' cuti bersama, by date", async () => {
  await put({ holidays: [{ date: '2026-03-23', name: 'Cuti bersama Idul Fitri' }] });
  const res = await ws.app.inject({ url: '/api/holidays?year=2026', headers: bearer(ws, 'viewer') });
  expect(res.statusCode).toBe(200);
  const items: { date: string; name: string }[] = res.json().items;
  const on = (date: string) => items.filter((h) => h.date === date).map((h) => h.name);
  expect(on('2026-03-19')).toEqual(['Hari Raya Nyepi']);
  expect(on('2026-03-20')).toEqual(['Hari Raya Idul Fitri']);
  expect(on('2026-05-27')).toEqual(['Hari Raya Idul Adha']);
  expect(on('2026-05-31')).toEqual(['Hari Raya Waisak']);
  expect(on('2026-02-17')).toEqual(['Tahun Baru Imlek']);
  expect(on('2026-03-23')).toEqual(['Cuti bersama Idul Fitri']);
  expect(items.map((h) => h.date)).toEqual([...items.map((h) => h.date)].sort());
  for (const bad of ['', '?year=26', '?year=abcd', '?year=1999', '?year=2026&x=1']) {
    const r = await ws.app.inject({ url: `/api/holidays${bad}`, headers: bearer(ws, 'viewer') });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('bad_filter');
  }
});

test("deadlines skip national holidays and the admins' cuti bersama", async () => {
  // Wednesday 18 March 2026, 10:00 WITA, an ordinary report: verified within 1 working day. Thursday is Nyepi,
  // Friday and Saturday Idul Fitri, Sunday off, Monday 23 cuti bersama: the close of Tuesday 24 March.
  await put({ holidays: [{ date: '2026-03-23', name: 'Cuti bersama Idul Fitri' }] });
  const id = await ws.ingest({
    text: 'Ada pesta miras di lorong dekat pasar Kel. Balandai, warga resah',
    from: '+6281299990000',
    receivedAt: '2026-03-18T02:00:00Z',
  });
  const row = await ws.database.db
    .selectFrom('incidents')
    .select(['verify_due_at', 'priority'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row.priority).toBe('normal');
  expect(row.verify_due_at?.toISOString()).toBe('2026-03-24T08:00:00.000Z');
});

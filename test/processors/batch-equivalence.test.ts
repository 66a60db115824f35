/**
 * The batched writer and the per-message writer leave the same tables. Two databases get the same history (reports
 * of the last hours, an acknowledged flood from one number), then the same messages: one database writes them one
 * by one through processInbound, the other in one batch through processInboundBatch. Compared row by row, with ids
 * and random codes replaced by the message that made them: raw messages, incidents (with their possible duplicate,
 * count and search text), threads (with why a message joined or went unanswered), the outbox, the alerts to the
 * people on duty, contacts, and the events for partners.
 */
import type { RawMessage } from '../../src/core/raw-message';
import { processInboundBatch } from '../../src/processors/inbound-batch';
import { processInbound } from '../../src/processors/inbound-processor';
import { inboundDeps } from '../helpers/inbound-deps';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
let serial = 0;
function sms(from: string, text: string, minutesAgo = 0, over: Partial<RawMessage> = {}): RawMessage {
  serial++;
  return {
    channel: 'sms',
    provider: 'smssync',
    externalId: `eq-${serial}`,
    receivedAt: at(minutesAgo),
    from,
    to: '+6281100001111',
    text,
    ...over,
  };
}
const wa = (from: string, text: string, over: Partial<RawMessage> = {}) =>
  sms(`whatsapp:${from}`, text, 0, { channel: 'whatsapp', provider: 'twilio', to: 'whatsapp:+6281100001111', ...over });

const HISTORY: RawMessage[] = [
  sms('+6281300000001', 'Ada tawuran pemuda di Kel. Amassangan, saling lempar batu', 40),
  sms('+6281300000002', 'Banjir di Kelurahan Salekoe setinggi lutut', 30),
  sms('+6281300000003', 'Pesta miras tiap malam di Kel. Sendana, warga resah', 25),
  sms('+6281300000003', 'Pencurian motor di Kel. Takkalala tadi malam', 20),
  sms('+6281300000003', 'Judi sabung ayam di Kel. Balandai tiap sore', 15),
];

/** Every kind of message the batch meets, from history's reporters and from new ones. */
function batch(codeOf: (externalId: string) => string): RawMessage[] {
  return [
    // New reports from new reporters; two of the same category and kelurahan (a possible duplicate in the batch),
    // one matching an incident of the history (Amassangan tawuran), an urgent one (alerts).
    sms('+6281400000001', 'Ada tawuran di Kel. Amassangan lagi, kelompok lain'),
    sms('+6281400000002', 'Kebakaran rumah warga di Kel. Boting, api sdh membesar, tolong cepat'),
    sms('+6281400000003', 'Pesta miras di Kel. Surutanga tiap malam'),
    sms('+6281400000004', 'Ada pesta miras lagi di Kelurahan Surutanga dekat lapangan'),
    wa('+6281400000005', 'Spanduk ujaran kebencian antar suku di Kel. Lagaligo'),
    // Noise, a question, a thank-you.
    sms('+6281400000006', 'ok'),
    sms('+6281400000007', 'mau tanya cara buat laporan gimana pak?'),
    // Follow-ups of history's reports: more detail (joins, raises the priority), a question (joins, answered),
    // another event entirely (a new incident), and the capped reporter's fourth report (no acknowledgement).
    sms('+6281300000001', 'skrg sdh 3 org luka kena busur, polisi blm datang'),
    sms('+6281300000002', 'jam brp kantor kesbang buka pak?'),
    sms('+6281300000003', 'laporan baru: ada orang asing mencurigakan di Kel. Pontap'),
    // A status query with and without code, a quoted code, two messages of one new reporter.
    sms('+6281300000001', `STATUS ${codeOf('eq-1')}`),
    sms('+6281300000002', 'STATUS'),
    sms('+6281400000008', `ini soal laporan ${codeOf('eq-2')}, air makin naik`),
    sms('+6281400000009', 'Ada demo mahasiswa di depan kantor walikota besok'),
    sms('+6281400000009', 'jumlahnya sekitar 200 orang'),
    // A stakeholder answering the forward of a report by its code, and an officer on duty acknowledging an alert.
    sms('+6281500000001', `Tim BPBD sdh di lokasi ${codeOf('eq-2')}, air mulai surut`),
    sms('+6281199990000', `OK ${codeOf('eq-1')}`),
    // A WhatsApp location of history's reporter (goes on the incident).
    wa('+6281300000002', '', { geo: { latitude: -2.99, longitude: 120.19, address: null, label: null } }),
  ];
}

async function seeded(label: string): Promise<TestDatabase> {
  const t = await createTestDatabase(label);
  await t.db
    .insertInto('duty_roster')
    .values({ name: 'Petugas Piket', phone: '+6281199990000', days: [0, 1, 2, 3, 4, 5, 6] })
    .execute();
  const codes = HISTORY.map((_, i) => `HK-HST00${i}`);
  const deps = inboundDeps(t.db, { newReference: () => codes.shift() ?? 'HK-NOMORE' });
  for (const raw of HISTORY) await processInbound({ raw }, deps);
  // The flood report went to the disaster agency.
  const bpbd = await t.db
    .insertInto('stakeholders')
    .values({ name: 'BPBD Palopo', channel: 'sms', phone: '+6281500000001' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const flood = await t.db
    .selectFrom('incidents')
    .select('id')
    .where('reference', '=', 'HK-HST001')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('forwards').values({ incident_id: flood.id, stakeholder_id: bpbd.id }).execute();
  // A number that had three acknowledgements in the last hour: the guard keeps a fourth back.
  await t.db
    .insertInto('outbound_messages')
    .values(
      [1, 2, 3].map((i) => ({
        dedupe_key: `ack:flood-${i}`,
        purpose: 'ack' as const,
        channel: 'sms',
        transport: 'smssync',
        to_address: '+6281300000003',
        body: 'terima kasih',
      })),
    )
    .execute();
  return t;
}

/** The tables, with ids and random codes replaced by the external id of the message that made the row. */
async function tables(t: TestDatabase) {
  const raws = await t.db
    .selectFrom('raw_messages')
    .select(['id', 'external_id', 'state', 'kind', 'contact_id'])
    .execute();
  const ext = new Map(raws.map((r) => [r.id, r.external_id]));
  const incidents = await t.db.selectFrom('incidents').selectAll().execute();
  const incidentKey = new Map(incidents.map((i) => [i.id, ext.get(String(i.first_raw_message_id))!]));
  const codeKey = new Map(incidents.map((i) => [i.reference, `<code of ${incidentKey.get(i.id)}>`]));
  const uncode = (text: string | null) => text?.replace(/HK-[A-Z0-9]{6}/g, (c) => codeKey.get(c) ?? c) ?? null;
  const contacts = await t.db.selectFrom('contacts').select(['id', 'kind', 'address', 'name']).execute();
  const contactKey = new Map(contacts.map((c) => [c.id, `${c.kind}:${c.address}`]));
  const messages = await t.db.selectFrom('incident_messages').selectAll().execute();
  const outbox = await t.db.selectFrom('outbound_messages').selectAll().execute();
  const alerts = await t.db.selectFrom('incident_alerts').selectAll().execute();
  const events = await t.db.selectFrom('integration_events').select(['type', 'incident_id']).execute();
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    raws: sorted(raws.map((r) => ({ ...r, id: undefined, contact_id: contactKey.get(String(r.contact_id)) }))),
    incidents: sorted(
      incidents.map((i) => ({
        by: incidentKey.get(i.id),
        code: uncode(i.reference),
        category: i.category,
        priority: i.priority,
        kelurahan: i.kelurahan,
        latitude: i.latitude,
        possibleDuplicateOf: i.possible_duplicate_of ? incidentKey.get(i.possible_duplicate_of) : null,
        count: i.message_count,
        // The batch writes its set-based lane before the messages it writes one by one, so the words of a thread
        // reach the search text in another order; the thread rows keep their time.
        search: i.search_text.split(' ').sort().join(' '),
        contact: contactKey.get(String(i.contact_id)),
        due: [i.verify_due_at, i.answer_due_at, i.resolve_due_at].map((d) => d?.getTime()),
        corrections: i.corrections,
        acknowledged: i.acknowledged_at !== null,
      })),
    ),
    thread: sorted(
      messages.map((m) => ({
        incident: incidentKey.get(m.incident_id),
        raw: ext.get(String(m.raw_message_id)),
        body: m.body,
        join: m.join_reason,
        unanswered: m.unanswered_reason,
      })),
    ),
    outbox: sorted(
      outbox.map((o) => ({
        key: o.dedupe_key?.replace(/\d+/g, (id) => ext.get(id) ?? incidentKey.get(id) ?? id),
        incident: o.incident_id ? incidentKey.get(o.incident_id) : null,
        raw: o.raw_message_id ? ext.get(o.raw_message_id) : null,
        purpose: o.purpose,
        to: o.to_address,
        subject: uncode(o.subject),
        body: uncode(o.body)?.replace(/\/incidents\/\d+/g, '/incidents/<id>'),
      })),
    ),
    alerts: sorted(alerts.map((a) => ({ incident: incidentKey.get(a.incident_id), level: a.level }))),
    contacts: sorted(contacts.map((c) => ({ ...c, id: undefined }))),
    events: sorted(
      events.map((e) => ({ type: e.type, incident: e.incident_id ? incidentKey.get(e.incident_id) : null })),
    ),
  };
}

let one: TestDatabase;
let many: TestDatabase;
beforeAll(async () => {
  [one, many] = await Promise.all([seeded('eqone'), seeded('eqmany')]);
});
afterAll(async () => {
  await Promise.all([one?.drop(), many?.drop()]);
});

test('a batch of every kind of message leaves the same rows as writing them one by one', async () => {
  const codeOf = (externalId: string) => `HK-HST00${Number(externalId.replace('eq-', '')) - 1}`;
  const messages = batch(codeOf);
  for (const raw of messages) await processInbound({ raw }, inboundDeps(one.db));
  const results = await processInboundBatch(
    messages.map((raw) => ({ data: { raw }, context: { finalAttempt: false } })),
    inboundDeps(many.db),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

  const [a, b] = await Promise.all([tables(one), tables(many)]);
  // What the batch met is there: new incidents, a possible duplicate inside the batch and one from history, joins
  // of every kind, a withheld acknowledgement, answers, alerts.
  expect(b.incidents.filter((i) => i.includes('"possibleDuplicateOf":"eq-')).length).toBeGreaterThanOrEqual(2);
  expect(b.raws.some((r) => r.includes('"kind":"stakeholder_reply"'))).toBe(true);
  expect(b.raws.some((r) => r.includes('"kind":"acknowledgement"'))).toBe(true);
  for (const reason of ['"by":"follow_up"', '"by":"reference"', '"by":"status"', '"by":"location"']) {
    expect(b.thread.some((m) => m.includes(reason))).toBe(true);
  }
  expect(b.thread.some((m) => m.includes('"unanswered":"reporter_cap"'))).toBe(true);
  for (const purpose of ['ack', 'status_answer', 'question_answer', 'alert']) {
    expect(b.outbox.some((o) => o.includes(`"purpose":"${purpose}"`))).toBe(true);
  }
  expect(b.alerts.length).toBeGreaterThan(0);
  expect(b).toEqual(a);
});

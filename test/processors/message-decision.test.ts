/**
 * What a message becomes, decided from what the database said (docs/conversations.md): one labelled case per row,
 * readings made by the real normalizer, the database's answers written out as the snapshot.
 */
import type { NormalizedMessage } from '../../src/core/normalized-message';
import type { RawMessage } from '../../src/core/raw-message';
import type { IncidentRow } from '../../src/db/database';
import type { ContactKey } from '../../src/db/repos/contacts';
import { normalize } from '../../src/normalize';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { helpText, statusAnswerText, statusListText } from '../../src/outbound/reporter-texts';
import { type Decision, decide, type MessageSnapshot } from '../../src/processors/message-decision';
import { DEFAULT_SETTINGS } from '../../src/settings';

const gazetteer = loadGazetteer('73.73');
const settings = DEFAULT_SETTINGS;
const NOW = new Date('2026-11-29T08:00:00Z');
const PHONE = '+6281245678901';
const AMASSANGAN = '73.73.01.1003';

function incident(over: Partial<IncidentRow> = {}): IncidentRow {
  return {
    id: '41',
    reference: 'HK-7Q3F2K',
    status: 'new',
    channel: 'sms',
    category: 'konflik_sosial',
    priority: 'urgent',
    kelurahan_code: AMASSANGAN,
    kecamatan_code: '73.73.01',
    received_at: new Date(NOW.getTime() - 30 * 60_000),
    contact_id: '7',
    duplicate_of: null,
    ...over,
  } as IncidentRow;
}

interface Case {
  label: string;
  text: string;
  raw?: Partial<RawMessage>;
  geo?: boolean;
  contact?: ContactKey;
  ackReplies?: boolean;
  snapshot?: Partial<MessageSnapshot>;
  expected: {
    kind: string;
    action: Decision['action'];
    join: { incidentId: string; by: string } | null;
    reply: { purpose: string; body?: string | null; reference?: string; withheld: string | null } | null;
  };
}

const person: ContactKey = { kind: 'phone', address: PHONE, name: null };
const nothingSent = { all: 0, answers: 0 };
const open = incident();
const openList = [{ id: '41', reference: 'HK-7Q3F2K', status: 'new' as const }];

const cases: Case[] = [
  {
    label: 'a first report becomes an incident and earns its acknowledgement',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: null },
    },
  },
  {
    label: 'the fourth acknowledgement of the hour is kept back (loop and cost guard)',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    snapshot: { sent: { all: settings.autoRepliesPerHour, answers: 0 } },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: 'reporter_cap' },
    },
  },
  {
    label: 'without ACK_REPLIES a report earns no answer',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    ackReplies: false,
    expected: { kind: 'report', action: 'new_incident', join: null, reply: null },
  },
  {
    label: 'mail older than ackMaxAgeHours is not acknowledged',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    raw: { receivedAt: new Date(NOW.getTime() - (settings.ackMaxAgeHours + 1) * 3_600_000).toISOString() },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: 'too_old' },
    },
  },
  {
    label: 'an alphanumeric sender is no person to answer',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    raw: { from: 'INFO-PROMO' },
    contact: { kind: 'other', address: 'INFO-PROMO', name: null },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: 'not_a_person' },
    },
  },
  {
    label: "a follow-up joins the reporter's open incident and may change it, without an answer",
    text: 'mereka bawa parang, polisi blm datang',
    snapshot: { recent: open },
    expected: { kind: 'report', action: 'follow_up', join: { incidentId: '41', by: 'follow_up' }, reply: null },
  },
  {
    label: 'an open incident older than the thread window is not followed up',
    text: 'mereka bawa parang, polisi blm datang',
    snapshot: {
      recent: incident({ received_at: new Date(NOW.getTime() - (settings.threadWindowHours * 60 + 2) * 60_000) }),
    },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: null },
    },
  },
  {
    label: '"laporan baru" from the same reporter is a new incident',
    text: 'Laporan baru: ada kebakaran rumah warga di Kel. Amassangan',
    snapshot: { recent: open },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: null },
    },
  },
  {
    label: 'a report through the app is new on purpose, and the app shows the code itself',
    text: 'Ada tawuran pemuda di Kel. Amassangan dekat masjid, tolong cepat',
    raw: { channel: 'app', provider: 'app' },
    snapshot: { recent: open },
    expected: { kind: 'report', action: 'new_incident', join: null, reply: null },
  },
  {
    label: 'a quoted code joins that thread, without an answer',
    text: 'Tambahan untuk HK-7Q3F2K: korban 2 orang',
    snapshot: { named: { incident: incident({ contact_id: '99' }), by: 'reference' } },
    expected: { kind: 'report', action: 'none', join: { incidentId: '41', by: 'reference' }, reply: null },
  },
  {
    label: "STATUS with the reporter's own code answers with its status",
    text: 'STATUS HK-7Q3F2K',
    snapshot: { named: { incident: open, by: 'reference' } },
    expected: {
      kind: 'status_query',
      action: 'none',
      join: { incidentId: '41', by: 'reference' },
      reply: {
        purpose: 'status_answer',
        body: statusAnswerText(settings, open, null),
        reference: 'HK-7Q3F2K',
        withheld: null,
      },
    },
  },
  {
    label: "STATUS with someone else's code gets the neutral answer (no probing)",
    text: 'STATUS HK-7Q3F2K',
    snapshot: { named: { incident: incident({ contact_id: '99' }), by: 'reference' } },
    expected: {
      kind: 'status_query',
      action: 'none',
      join: { incidentId: '41', by: 'reference' },
      reply: { purpose: 'status_answer', body: settings.statusNotFoundText, withheld: null },
    },
  },
  {
    label: 'STATUS with an unknown code gets the neutral answer and joins nothing',
    text: 'STATUS HK-7Q3F2K',
    expected: {
      kind: 'status_query',
      action: 'none',
      join: null,
      reply: { purpose: 'status_answer', body: settings.statusNotFoundText, withheld: null },
    },
  },
  {
    label: "STATUS without a code lists the reporter's open incidents and joins the newest",
    text: 'STATUS',
    snapshot: { open: { list: openList, newest: open } },
    expected: {
      kind: 'status_query',
      action: 'none',
      join: { incidentId: '41', by: 'status' },
      reply: {
        purpose: 'status_answer',
        body: statusListText(settings, openList),
        withheld: null,
      },
    },
  },
  {
    label: 'a question gets the help text and joins the open thread',
    text: 'Bagaimana cara melapor?',
    snapshot: { recent: open },
    expected: {
      kind: 'question',
      action: 'none',
      join: { incidentId: '41', by: 'follow_up' },
      reply: { purpose: 'question_answer', body: helpText(settings, 'how_to_report'), withheld: null },
    },
  },
  {
    label: 'questions past questionRepliesPerHour are kept back, even under the acknowledgement cap',
    text: 'Bagaimana cara melapor?',
    snapshot: { sent: { all: settings.questionRepliesPerHour, answers: settings.questionRepliesPerHour } },
    expected: {
      kind: 'question',
      action: 'none',
      join: null,
      reply: { purpose: 'question_answer', body: helpText(settings, 'how_to_report'), withheld: 'question_cap' },
    },
  },
  {
    label: '"ok" in a thread it names joins it as noise, without an answer',
    text: 'ok',
    snapshot: { named: { incident: open, by: 'email_reply' } },
    expected: { kind: 'noise', action: 'none', join: { incidentId: '41', by: 'email_reply' }, reply: null },
  },
  {
    label: '"ok" on its own is nothing',
    text: 'ok',
    snapshot: { recent: open },
    expected: { kind: 'noise', action: 'none', join: null, reply: null },
  },
  {
    label: "a WhatsApp location alone puts its coordinates on the reporter's open incident",
    text: '',
    geo: true,
    raw: { channel: 'whatsapp', provider: 'twilio' },
    snapshot: { recent: open },
    expected: { kind: 'report', action: 'coordinates', join: { incidentId: '41', by: 'location' }, reply: null },
  },
  {
    label: 'a WhatsApp location with no open incident of the last minutes becomes a report of its own',
    text: '',
    geo: true,
    raw: { channel: 'whatsapp', provider: 'twilio' },
    snapshot: {
      recent: incident({ received_at: new Date(NOW.getTime() - (settings.locationFollowUpMinutes + 2) * 60_000) }),
    },
    expected: {
      kind: 'report',
      action: 'new_incident',
      join: null,
      reply: { purpose: 'ack', body: null, withheld: null },
    },
  },
];

function reading(c: Case, raw: RawMessage): NormalizedMessage {
  const n = normalize(
    { channel: raw.channel, from: raw.from, text: c.text, receivedAt: raw.receivedAt },
    { gazetteer, timezone: 'Asia/Makassar' },
  );
  return c.geo ? { ...n, location: { ...n.location, latitude: -2.99, longitude: 120.19, text: 'Jl. Andi Djemma' } } : n;
}

test.each(cases)('$label', (c) => {
  const raw: RawMessage = {
    channel: 'sms',
    provider: 'smssync',
    externalId: 'decision-case',
    receivedAt: new Date(NOW.getTime() - 60_000).toISOString(),
    from: PHONE,
    text: c.text,
    ...c.raw,
  };
  const n = reading(c, raw);
  const decision = decide(
    {
      raw,
      prepared: {
        body: c.text,
        input: {
          channel: raw.channel,
          from: raw.from,
          text: c.text,
          receivedAt: raw.receivedAt,
          ...(c.geo ? { geo: { latitude: -2.99, longitude: 120.19 } } : {}),
        },
      },
      normalized: n,
      contact: c.contact ?? person,
      contactId: '7',
      settings,
      ackReplies: c.ackReplies ?? true,
      now: NOW,
    },
    { named: null, recent: null, open: null, sent: nothingSent, ...c.snapshot },
  );
  expect({
    kind: decision.kind,
    action: decision.action,
    join: decision.join ? { incidentId: decision.join.incident.id, by: decision.join.by } : null,
    reply: decision.reply
      ? {
          purpose: decision.reply.message.purpose,
          ...(c.expected.reply && 'body' in c.expected.reply ? { body: decision.reply.message.body } : {}),
          ...(decision.reply.message.reference ? { reference: decision.reply.message.reference } : {}),
          withheld: decision.reply.withheld,
        }
      : null,
  }).toEqual(c.expected);
  if (decision.action === 'new_incident' && c.geo) expect(decision.normalized.priority).toBe('normal');
});

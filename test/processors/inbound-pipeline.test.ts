/** A raw message on the inbound queue becomes exactly one incident, however often it is queued. */
import { createPreparerRegistry } from '../../src/channels/registry';
import { UnreadableMessageError } from '../../src/core/prepared-message';
import { type Pipeline, startPipeline, textMessage } from '../helpers/pipeline';
import { keysUnder } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({ label: 'inbound' });
});
afterAll(() => p.close());

const count = async (table: 'incidents' | 'raw_messages' | 'outbound_messages' | 'incident_messages') =>
  Number(
    (
      await p.t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Waits until the queue has nothing left to do. */
async function settled(): Promise<void> {
  let counts = {};
  await waitFor(
    async () => {
      counts = await p.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    },
    { what: `inbound queue drained (${JSON.stringify(counts)})` },
  ).catch(async (err: Error) => {
    const [job] = await p.queues.inbound.getJobs(['delayed', 'failed']);
    throw new Error(`${err.message}; ${JSON.stringify(counts)}; last error: ${job?.failedReason ?? 'none'}`);
  });
}

test('a queued message becomes one incident with an acknowledgement; queued again, still one', async () => {
  const raw = textMessage(
    'Lapor pak, ada tawuran antar pemuda di Jl. Andi Djemma dkt lapangan Kel. Ponjalae, skrg masih berlangsung',
    { from: '081245678901' },
  );
  await p.queues.addInbound(raw);
  await settled();
  await p.queues.addInbound(raw);
  await p.queues.addInbound({ ...raw });
  await settled();

  const incidents = await p.t.db.selectFrom('incidents').selectAll().execute();
  expect(incidents).toHaveLength(1);
  const incident = incidents[0]!;
  expect(incident.reference).toMatch(/^HK-[0-9A-HJKMNP-TV-Z]{6}$/);
  expect(incident.category).toBe('konflik_sosial');
  expect(incident.kelurahan).toBe('Ponjalae');
  expect(incident.kecamatan).toBe('Wara Timur');
  expect(incident.priority).toBe('urgent');
  expect(incident.message_count).toBe(1);
  expect(await count('raw_messages')).toBe(1);

  const acks = await p.t.db.selectFrom('outbound_messages').selectAll().execute();
  expect(acks).toHaveLength(1);
  expect(acks[0]).toMatchObject({ purpose: 'ack', channel: 'sms', transport: 'smssync', to_address: '+6281245678901' });
  expect(acks[0]!.body).toContain(incident.reference);
});

test('noise is stored but opens no incident and gets no answer', async () => {
  const before = await count('incidents');
  const raw = textMessage('tes', { from: '+6282191234567' });
  await p.queues.addInbound(raw);
  await settled();
  expect(await count('incidents')).toBe(before);
  const stored = await p.t.db
    .selectFrom('raw_messages')
    .selectAll()
    .where('external_id', '=', raw.externalId)
    .executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ state: 'processed', kind: 'noise' });
  const answers = await p.t.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('raw_message_id', '=', stored.id)
    .execute();
  expect(answers).toHaveLength(0);
});

test('a status query is answered with the status only to the number that reported', async () => {
  const report = textMessage('Ada pesta miras di pos ronda RT 02 RW 03 Kelurahan Surutanga, anak muda mabuk', {
    from: '+6281355512345',
  });
  await p.queues.addInbound(report);
  await settled();
  const incident = await p.t.db
    .selectFrom('incidents')
    .selectAll()
    .where('kelurahan', '=', 'Surutanga')
    .executeTakeFirstOrThrow();

  const own = textMessage(`STATUS ${incident.reference.toLowerCase()}`, { from: '081355512345' });
  const stranger = textMessage(`status ${incident.reference}`, { from: '+6285200001111' });
  await p.queues.addInbound(own);
  await p.queues.addInbound(stranger);
  await settled();

  const answer = async (externalId: string) => {
    const raw = await p.t.db
      .selectFrom('raw_messages')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    return p.t.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('raw_message_id', '=', raw.id)
      .executeTakeFirstOrThrow();
  };
  const ownAnswer = await answer(own.externalId);
  expect(ownAnswer.purpose).toBe('status_answer');
  expect(ownAnswer.body).toContain(incident.reference);
  expect(ownAnswer.body).toContain('menunggu verifikasi');
  const strangerAnswer = await answer(stranger.externalId);
  expect(strangerAnswer.body).toContain('kode tidak ditemukan untuk nomor ini');
  expect(strangerAnswer.body).not.toContain(incident.reference);
  // Neither question opened an incident.
  expect(await p.t.db.selectFrom('incidents').select('id').where('kelurahan', '=', 'Surutanga').execute()).toHaveLength(
    1,
  );
});

test('a follow-up quoting the reference code joins the thread instead of opening an incident', async () => {
  const report = textMessage('Banjir setinggi lutut di Kelurahan Songka, warga mulai mengungsi', {
    from: '+6281377700011',
  });
  await p.queues.addInbound(report);
  await settled();
  const incident = await p.t.db
    .selectFrom('incidents')
    .selectAll()
    .where('kelurahan', '=', 'Songka')
    .executeTakeFirstOrThrow();
  await p.queues.addInbound(
    textMessage(`Tambahan utk laporan ${incident.reference}: air sdh masuk rumah warga`, { from: '+6281377700011' }),
  );
  await settled();
  const after = await p.t.db
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', incident.id)
    .executeTakeFirstOrThrow();
  expect(after.message_count).toBe(2);
  expect(await p.t.db.selectFrom('incidents').select('id').where('kelurahan', '=', 'Songka').execute()).toHaveLength(1);
});

test('an alphanumeric sender gets no acknowledgement, and the fourth report in an hour gets none either', async () => {
  const promo = textMessage('Ada keributan antar warga di Kelurahan Benteng', { from: 'TELKOMSEL' });
  await p.queues.addInbound(promo);
  const from = '+6281299988877';
  const bursts = ['Kebakaran', 'Tawuran', 'Banjir', 'Longsor'].map((what, i) =>
    textMessage(`${what} di Kelurahan Salekoe dekat pasar, laporan ke-${i + 1}`, { from }),
  );
  for (const raw of bursts) {
    await p.queues.addInbound(raw);
    await settled();
  }
  await settled();
  const toPromo = await p.t.db
    .selectFrom('outbound_messages')
    .select('id')
    .where('to_address', '=', 'TELKOMSEL')
    .execute();
  expect(toPromo).toHaveLength(0);
  const toReporter = await p.t.db.selectFrom('outbound_messages').select('id').where('to_address', '=', from).execute();
  expect(toReporter).toHaveLength(3);
});

test('a message its channel cannot read is kept as unreadable with the reason, and the queue keeps flowing', async () => {
  const broken = await startPipeline({
    label: 'unreadable',
    preparers: createPreparerRegistry({
      byProvider: {
        'broken-parser': async () => {
          throw new UnreadableMessageError('mime: unterminated multipart boundary');
        },
      },
    }),
  });
  try {
    const bad = textMessage('\u0000\u0001 rusak', { provider: 'broken-parser' });
    const good = textMessage('Ada bentrok antar kelompok pemuda di Kelurahan Boting tadi malam');
    await broken.queues.addInbound(bad);
    await broken.queues.addInbound(good);
    const rows = await waitFor(async () => {
      const all = await broken.t.db.selectFrom('raw_messages').selectAll().orderBy('id').execute();
      return all.length === 2 && all.every((r) => r.state !== 'received') ? all : null;
    });
    expect(rows.find((r) => r.external_id === bad.externalId)).toMatchObject({
      state: 'unreadable',
      error: 'mime: unterminated multipart boundary',
    });
    expect(rows.find((r) => r.external_id === good.externalId)).toMatchObject({ state: 'processed', kind: 'report' });
    expect(await broken.t.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
    expect(await broken.queues.inbound.getFailedCount()).toBe(0);
  } finally {
    await broken.close();
  }
});

describe('a WhatsApp location sent on its own', () => {
  const geo = { latitude: -2.9935, longitude: 120.1962, address: 'Jl. Andi Djemma', label: 'Lapangan Pancasila' };

  test('joins the report its sender just made and gives it coordinates', async () => {
    const from = 'whatsapp:+6281344455566';
    const report = textMessage('Ada tawuran pemuda di Kelurahan Pajalesang, saling lempar batu', {
      channel: 'whatsapp',
      provider: 'twilio',
      from,
    });
    await p.queues.addInbound(report);
    await settled();
    await p.queues.addInbound(textMessage('', { channel: 'whatsapp', provider: 'twilio', from, geo }));
    await settled();
    const incidents = await p.t.db.selectFrom('incidents').selectAll().where('kelurahan', '=', 'Pajalesang').execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ latitude: geo.latitude, longitude: geo.longitude, message_count: 2 });
    expect(incidents[0]!.location_text).toContain('Lapangan Pancasila');
  });

  test('from someone with no recent report opens an incident of its own, with no kelurahan guessed', async () => {
    const from = 'whatsapp:+6281344400099';
    await p.queues.addInbound(textMessage('', { channel: 'whatsapp', provider: 'twilio', from, geo }));
    await settled();
    const contact = await p.t.db
      .selectFrom('contacts')
      .select('id')
      .where('address', '=', '+6281344400099')
      .executeTakeFirstOrThrow();
    const incidents = await p.t.db.selectFrom('incidents').selectAll().where('contact_id', '=', contact.id).execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ latitude: geo.latitude, kelurahan: null, priority: 'normal' });
  });
});

test('no reporter data lingers in Redis once jobs completed', async () => {
  await settled();
  const keys = await keysUnder(p.prefix);
  expect(keys.some((k) => k.includes(':in-'))).toBe(false);
});

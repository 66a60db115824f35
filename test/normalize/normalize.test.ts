import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORIES, type NormalizeInput } from '../../src/core/normalized-message';
import { MAX_NORMALIZED_CHARS, normalize } from '../../src/normalize';
import { CTX, RECEIVED, sms } from './helpers';
import type { LabelledCase } from './labelled/score-set';

type Labelled = LabelledCase;

/** Our own held-out messages, written apart from the tuning set, labelled as staff would. */
const LABELLED: Labelled[] = ['heldout.jsonl', 'heldout2.jsonl'].flatMap((f) =>
  readFileSync(path.join(__dirname, 'fixtures', f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Labelled),
);
const fold = (v: unknown) =>
  v === null || v === undefined
    ? null
    : String(v)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');

describe('labelled messages', () => {
  test.each(LABELLED.map((c) => [`${c.id}: ${c.text.slice(0, 70)}`, c] as const))('%s', (_label, c) => {
    const out = normalize(
      { channel: c.channel, from: c.from, subject: c.subject, text: c.text, receivedAt: c.receivedAt },
      CTX,
    );
    const e = c.expect;
    expect(out.kind).toBe(e.kind);
    if ('phone' in e) expect(out.reporter.phone).toBe(e.phone);
    if (e.email) expect(out.reporter.email).toBe(e.email);
    if (e.referenceCode) expect(out.referenceCodes).toContain(e.referenceCode);
    if (e.kind !== 'report') return;
    expect(out.category).toBe(e.category);
    expect(fold(out.location.kelurahan)).toBe(fold(e.kelurahan));
    expect(fold(out.location.kecamatan)).toBe(fold(e.kecamatan));
    expect(out.location.rt).toBe(e.rt ?? null);
    expect(out.location.rw).toBe(e.rw ?? null);
    expect(out.priority === 'urgent').toBe(e.urgent);
  });
});

describe('output shape', () => {
  test('a full report', () => {
    const out = sms(
      'Lapor pak, ada tawuran antar pemuda di Jl. Andi Djemma dkt lapangan Kel. Ponjalae, skrg masih berlangsung, ada yg bawa busur',
    );
    expect(out).toMatchObject({
      kind: 'report',
      category: 'konflik_sosial',
      priority: 'urgent',
      title: 'Tawuran di Ponjalae, Wara Timur',
      location: {
        kecamatan: 'Wara Timur',
        kecamatanCode: '73.73.05',
        kelurahan: 'Ponjalae',
        kelurahanCode: '73.73.05.1007',
        rt: null,
        rw: null,
        street: 'Jl. Andi Djemma',
        text: 'dkt lapangan',
      },
      occurredAt: '2026-11-20T21:00:00+08:00',
      reporter: { phone: '+6281245678901', email: null, name: null },
      referenceCodes: [],
    });
    expect(CATEGORIES).toContain(out.category);
    expect(out.summary.startsWith('Ada tawuran antar pemuda')).toBe(true);
    expect(out.keywords).toContain('tawuran');
    expect(out.doNotAutoReply).toBeUndefined();
  });

  test('no place named: every location field null', () => {
    const out = sms('Ada akun IG yg posting ujaran kebencian ke suku tertentu di Palopo');
    expect(out.location).toEqual({
      kecamatan: null,
      kecamatanCode: null,
      kelurahan: null,
      kelurahanCode: null,
      rt: null,
      rw: null,
      street: null,
      text: null,
    });
  });

  test('titles stay within 80 characters and start with what happened', () => {
    const long = sms(`Kebakaran ${'gudang besar '.repeat(20)} di Kel. Batu Walenrang`);
    expect(long.title.length).toBeLessThanOrEqual(80);
    expect(long.title).toBe('Kebakaran di Batu Walenrang, Telluwanua');
    expect(sms('Ada pencurian motor di depan masjid Kel. Tompotikka').title).toBe('Pencurian di Tompotikka, Wara');
    expect(sms('Demo di Kec. Bara skrg').title).toBe('Demo di Kec. Bara');
  });

  test('the summary drops greetings and letter formulas', () => {
    const out = normalize(
      {
        channel: 'email',
        from: 'Lurah Salekoe <kel.salekoe@palopokota.go.id>',
        subject: 'Pemberitahuan kegiatan ormas',
        text: 'Yth. Kepala Badan Kesbangpol Kota Palopo\n\nKami sampaikan bahwa akan ada deklarasi ormas baru di Kelurahan Salekoe.\n\nDemikian, atas perhatian kami ucapkan terima kasih.\n\nLurah Salekoe',
        receivedAt: RECEIVED,
      },
      CTX,
    );
    expect(out.summary).toBe(
      'Pemberitahuan kegiatan ormas: Kami sampaikan bahwa akan ada deklarasi ormas baru di Kelurahan Salekoe.',
    );
    expect(out.reporter).toEqual({ phone: null, email: 'kel.salekoe@palopokota.go.id', name: 'Lurah Salekoe' });
    expect(out.priority).toBe('high');
  });

  test('WhatsApp location: coordinates kept, text from address and label, no guessed kelurahan', () => {
    const out = normalize(
      {
        channel: 'whatsapp',
        from: 'whatsapp:+6281355512345',
        profileName: 'Andi',
        text: 'Tawuran disini pak skrg',
        receivedAt: RECEIVED,
        geo: { latitude: -2.9925, longitude: 120.1969, address: 'Jl. Andi Djemma, Palopo', label: 'Lapangan' },
      },
      CTX,
    );
    expect(out.location).toMatchObject({
      latitude: -2.9925,
      longitude: 120.1969,
      kelurahan: null,
      kecamatan: null,
      text: 'Lapangan; Jl. Andi Djemma, Palopo',
    });
    expect(out.reporter).toEqual({ phone: '+6281355512345', email: null, name: 'Andi' });
  });

  test('emoji, fancy Unicode and odd spacing do not get in the way', () => {
    const out = sms('🔥🔥 KEBAKARAN   di Kel.\u00a0Temmalebba!!! 🙏 api ｍｓｈ besar');
    expect(out).toMatchObject({ category: 'bencana', priority: 'urgent' });
    expect(out.location.kelurahan).toBe('Temmalebba');
    expect(out.summary).not.toMatch(/🔥/);
  });

  test('an empty or whitespace message is noise, never a crash', () => {
    for (const text of ['', '   ', '\n\n']) expect(sms(text).kind).toBe('noise');
  });

  test('pure: the same input gives the same output', () => {
    const input: NormalizeInput = { channel: 'sms', from: '0812', text: 'Banjir di Binturu', receivedAt: RECEIVED };
    expect(normalize(input, CTX)).toEqual(normalize(input, CTX));
  });

  test('stays fast on long and hostile input (no catastrophic backtracking)', () => {
    const hostile = `${'a'.repeat(20000)} ${'RT '.repeat(2000)} ${'jam '.repeat(2000)} ${'Kel. '.repeat(2000)}`;
    const t0 = Date.now();
    sms(hostile);
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe('very long messages', () => {
  const filler = 'lorem ipsum dolor sit amet consectetur '.repeat(80_000); // about 3 MB

  test('a report followed by megabytes of filler is read from its opening', () => {
    const out = sms(`Ada tawuran antar pemuda di Kel. Benteng, dua orang luka.\n${filler}`);
    expect(out).toMatchObject({ kind: 'report', category: 'konflik_sosial', location: { kelurahan: 'Benteng' } });
  });

  test(`what comes after the first ${MAX_NORMALIZED_CHARS} characters is not read`, () => {
    const late = sms(`${filler.slice(0, MAX_NORMALIZED_CHARS)} ada tawuran di Kel. Benteng`);
    expect(late.location.kelurahan).toBeNull();
    const early = sms(`${filler.slice(0, MAX_NORMALIZED_CHARS - 100)} ada tawuran di Kel. Benteng`);
    expect(early.location.kelurahan).toBe('Benteng');
  });
});

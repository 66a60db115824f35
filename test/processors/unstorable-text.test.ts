/**
 * Regression: text PostgreSQL refuses failed the job instead of being stored. A lone UTF-16 surrogate made
 * raw_messages.payload (jsonb) refuse the row ("invalid input syntax for type json"), and a NUL in the text or the
 * sender, though cleaned in raw_messages, made the incident transaction fail ("invalid byte sequence for encoding
 * UTF8: 0x00"). Each was retried for an hour and ended a dead letter. Now such text is stored as U+FFFD, and the
 * message as received is kept in raw_source.
 */
import type { RawMessage } from '../../src/core/raw-message';
import { isStorableText, storableText, storableValue } from '../../src/core/storable-text';
import { type InboundDeps, processInbound } from '../../src/processors/inbound-processor';
import { inboundDeps } from '../helpers/inbound-deps';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let deps: InboundDeps;
beforeAll(async () => {
  t = await createTestDatabase('unstorable');
  deps = inboundDeps(t.db);
});
afterAll(() => t.drop());

describe('storableText', () => {
  test.each([
    ['plain text stays', 'Ada tawuran di Benteng', 'Ada tawuran di Benteng'],
    ['a pair of surrogates (an emoji) stays', 'api 🔥 besar', 'api 🔥 besar'],
    ['NUL', 'a\u0000b', 'a\uFFFDb'],
    ['a lone high surrogate', 'a\uD800b', 'a\uFFFDb'],
    ['a lone low surrogate', 'a\uDC00b', 'a\uFFFDb'],
    ['a high surrogate at the end', 'ab\uD83D', 'ab\uFFFD'],
    ['two high surrogates then a low one', '\uDBFF\uD800\uDC00', '\uFFFD\uD800\uDC00'],
  ])('%s', (_label, input, expected) => {
    expect(storableText(input)).toBe(expected);
    expect(isStorableText(storableText(input))).toBe(true);
  });

  test('storableValue cleans nested strings and keys, keeps Buffers, and returns the same object when clean', () => {
    const clean = { a: 'x', b: ['y', { c: 'z' }] };
    expect(storableValue(clean)).toBe(clean);
    const buffer = Buffer.from([0, 1]);
    expect(storableValue({ 'k\u0000': ['\uD800'], content: buffer })).toEqual({
      'k\uFFFD': ['\uFFFD'],
      content: buffer,
    });
  });
});

let n = 0;
const report = 'Ada tawuran antar pemuda di Kel. Benteng, warga resah';
const message = (over: Partial<RawMessage>): RawMessage => ({
  channel: 'whatsapp',
  provider: 'twilio',
  externalId: `unstorable-${++n}`,
  receivedAt: new Date().toISOString(),
  from: `whatsapp:+62813440000${n}`,
  text: report,
  ...over,
});

test.each([
  ['a lone surrogate in the text', { text: `${report} \uD800 \uDFFF` }],
  ['a lone surrogate in the profile name', { profileName: 'Budi \uD83D' }],
  ['a lone surrogate in a provider parameter name and value', { params: { 'Body\uDC00': '\uD800' } }],
  ['NUL in the text', { text: `${report}\u0000 lanjut` }],
  ['NUL in the sender', { from: 'whatsapp:+6281344\u00000001' }],
  ['NUL in the external id', { externalId: `SM\u0000${n}` }],
] as Array<[string, Partial<RawMessage>]>)(
  '%s: stored and processed, original kept in raw_source',
  async (_l, over) => {
    const raw = message(over);
    const outcome = await processInbound({ raw }, deps);
    expect(outcome.state).toBe('processed');
    const row = await t.db
      .selectFrom('raw_messages')
      .selectAll()
      .where('id', '=', outcome.rawMessageId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('processed');
    expect(row.raw_source?.toString('utf8')).toBe(JSON.stringify(raw));
    // A redelivery of the same job finds the row: no second message, no error.
    expect(await processInbound({ raw }, deps)).toEqual({ state: 'duplicate', rawMessageId: outcome.rawMessageId });
  },
);

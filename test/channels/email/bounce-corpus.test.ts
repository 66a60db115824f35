/**
 * Machine-written mail never opens an incident: every mail of the sisimai corpus (real bounces, delivery reports,
 * auto-replies from many servers; test/fixtures/email/bounces, BSD 2-clause) must come out `auto_reply` once the
 * email preparer hands its headers to the normalizer; a person forwarding a bounce must not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareEmail } from '../../../src/channels/email/email-preparer';
import { buildRawEmail } from '../../../src/channels/email/raw-email';
import { normalize } from '../../../src/normalize';
import { loadGazetteer } from '../../../src/normalize/gazetteer-loader';

const FIXTURES = path.join(__dirname, '../../fixtures/email');
const CAPS = { perFile: 10 * 1024 * 1024, perMessage: 20 * 1024 * 1024 };
const gazetteer = loadGazetteer('73.73');

async function kindOf(file: string) {
  const raw = buildRawEmail({ provider: 'import', source: readFileSync(file) });
  const prepared = await prepareEmail(raw, CAPS);
  return normalize(prepared.input, { gazetteer, timezone: 'Asia/Makassar' });
}

const bounces = readdirSync(path.join(FIXTURES, 'bounces')).filter((f) => f.endsWith('.eml'));

test('the corpus is all there (500+ mails) with its licence', () => {
  expect(bounces.length).toBeGreaterThan(500);
  expect(readFileSync(path.join(FIXTURES, 'bounces/LICENSE'), 'utf8')).toMatch(/BSD 2-CLAUSE/i);
});

test('every bounce, delivery report and auto-reply of the corpus is auto_reply and never to be answered', async () => {
  const wrong: string[] = [];
  for (const file of bounces) {
    const n = await kindOf(path.join(FIXTURES, 'bounces', file));
    if (n.kind !== 'auto_reply' || n.doNotAutoReply !== true) wrong.push(`${file}: ${n.kind}`);
  }
  expect(wrong).toEqual([]);
});

test('a person forwarding a bounce is not auto_reply', async () => {
  const n = await kindOf(path.join(FIXTURES, 'human/forwarded-bounce.eml'));
  expect(n.kind).not.toBe('auto_reply');
});

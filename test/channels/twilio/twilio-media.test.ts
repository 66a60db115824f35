/**
 * The 'twilio' preparer fetches media in the worker with Twilio's basic auth, from a loopback server standing in for
 * Twilio's media URLs: kept within the cap and the type allowlist, recorded otherwise; transient failures throw to
 * retry, and on the final attempt are recorded on the attachment instead of failing the message.
 */
import { createTwilioPreparer, MediaDownloadError } from '../../../src/channels/twilio/twilio-media-preparer';
import type { RawMessage } from '../../../src/core/raw-message';
import { writeSetting } from '../../../src/db/repos/settings';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { type LoopbackTwilio, startLoopbackTwilio } from '../loopback-twilio';
import { ACCOUNT_SID, AUTH_TOKEN } from './sign';

let database: TestDatabase;
let server: LoopbackTwilio;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% surat undangan rapat\n');

beforeAll(async () => {
  database = await createTestDatabase('twmedia');
  server = await startLoopbackTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  server.media.set('ME01', { contentType: 'image/jpeg', body: JPEG });
  server.media.set('ME02', { contentType: 'application/pdf', body: PDF });
  server.media.set('ME03', { contentType: 'application/x-msdownload', body: Buffer.from('MZ') });
  server.media.set('ME05', { contentType: 'image/jpeg', body: JPEG, status: 503 });
  server.media.set('ME06', { contentType: 'video/mp4', body: Buffer.alloc(4096, 1) });
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

const raw = (media: RawMessage['media']): RawMessage => ({
  channel: 'whatsapp',
  provider: 'twilio',
  externalId: 'MM0000',
  receivedAt: new Date().toISOString(),
  from: 'whatsapp:+6281245678901',
  text: 'Foto spanduk provokatif',
  media,
});
// The loopback server stands in for Twilio's media host.
const TWILIO = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_MEDIA_HOSTS: ['127.0.0.1'] };
const prepare = () => createTwilioPreparer({ config: TWILIO, db: database.db });

test('allowed types are downloaded with basic auth and kept; others are recorded without their bytes', async () => {
  const before = server.mediaRequests.length;
  const prepared = await prepare()(
    raw([
      { url: server.mediaUrl('ME01'), contentType: 'image/jpeg' },
      { url: server.mediaUrl('ME02'), contentType: 'application/pdf' },
      { url: server.mediaUrl('ME03'), contentType: 'application/x-msdownload' },
      { url: server.mediaUrl('ME04'), contentType: 'image/png' },
    ]),
  );
  expect(prepared.body).toBe('Foto spanduk provokatif');
  const [jpeg, pdf, exe, gone] = prepared.attachments;
  expect(jpeg).toMatchObject({ filename: 'ME01.jpg', contentType: 'image/jpeg', size: JPEG.length });
  expect(jpeg!.error).toBeFalsy();
  expect(jpeg!.content!.equals(JPEG)).toBe(true);
  expect(pdf).toMatchObject({ filename: 'ME02.pdf', contentType: 'application/pdf', size: PDF.length });
  expect(exe).toMatchObject({ content: null, error: 'media type application/x-msdownload is not allowed' });
  expect(gone).toMatchObject({ content: null, error: 'media download refused with http 404' });
  // The disallowed type was never downloaded; every download carried the account's basic auth.
  const requests = server.mediaRequests.slice(before);
  expect(requests.map((r) => r.path)).toEqual(['/media/ME01', '/media/ME02', '/media/ME04']);
  const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  expect(requests.every((r) => r.authorization === auth)).toBe(true);
});

test('media over settings.mediaMaxBytes is recorded as too large', async () => {
  await writeSetting(database.db, 'mediaMaxBytes', 1024, null);
  try {
    const prepared = await prepare()(raw([{ url: server.mediaUrl('ME06'), contentType: 'video/mp4' }]));
    expect(prepared.attachments[0]).toMatchObject({ content: null, size: 4096 });
    expect(prepared.attachments[0]!.error).toMatch(/larger than 1024 bytes/);
  } finally {
    await database.db.deleteFrom('settings').execute();
  }
});

test('a transient failure (503) throws to retry before the final attempt', async () => {
  await expect(
    prepare()(raw([{ url: server.mediaUrl('ME05'), contentType: 'image/jpeg' }]), { finalAttempt: false }),
  ).rejects.toBeInstanceOf(MediaDownloadError);
});

test('on the final attempt a transient failure is recorded on the attachment, the message goes on', async () => {
  const prepared = await prepare()(
    raw([
      { url: server.mediaUrl('ME05'), contentType: 'image/jpeg' },
      { url: server.mediaUrl('ME01'), contentType: 'image/jpeg' },
    ]),
    { finalAttempt: true },
  );
  expect(prepared.attachments[0]).toMatchObject({ content: null, filename: 'ME05.jpg' });
  expect(prepared.attachments[0]!.error).toMatch(/http 503.*last attempt/);
  expect(prepared.attachments[1]!.content!.equals(JPEG)).toBe(true);
});

test('wrong credentials are a refusal, recorded (retrying cannot fix them)', async () => {
  const wrong = createTwilioPreparer({
    config: { ...TWILIO, TWILIO_AUTH_TOKEN: 'nope' },
    db: database.db,
  });
  const prepared = await wrong(raw([{ url: server.mediaUrl('ME01'), contentType: 'image/jpeg' }]));
  expect(prepared.attachments[0]).toMatchObject({ content: null, error: 'media download refused with http 401' });
});

test.each([
  ['another host', 'https://evil.example/ME01'],
  ['a look-alike host', 'https://api.twilio.com.evil.example/ME01'],
  ['credentials in the URL', 'http://user:pw@127.0.0.1/ME01'],
  ['not http', 'file:///etc/passwd'],
])('a media URL on %s is not fetched and gets no credentials', async (_l, url) => {
  const before = server.mediaRequests.length;
  const prepared = await prepare()(raw([{ url, contentType: 'image/jpeg' }]));
  expect(prepared.attachments[0]).toMatchObject({
    content: null,
    error: 'media URL is not on a Twilio media host; not downloaded',
  });
  expect(server.mediaRequests.length).toBe(before);
});

test("Twilio's own media host and its subdomains are allowed by default", async () => {
  const { isTwilioMediaUrl } = await import('../../../src/channels/twilio/twilio-media-preparer');
  const { parseConfig } = await import('../../../src/config');
  const hosts = parseConfig({}).TWILIO_MEDIA_HOSTS;
  expect(isTwilioMediaUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', hosts)).toBe(true);
  expect(isTwilioMediaUrl('https://media.api.twilio.com/x', hosts)).toBe(true);
  expect(isTwilioMediaUrl('https://api.twilio.com.evil.example/x', hosts)).toBe(false);
  expect(isTwilioMediaUrl('https://evilapi.twilio.com/x', hosts)).toBe(false);
});

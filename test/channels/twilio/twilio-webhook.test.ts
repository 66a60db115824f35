/** POST /webhooks/twilio: the order of checks, the signature matrix, what Twilio sends, queueing and its failure. */
import type { RawMessage } from '../../../src/core/raw-message';
import { inboundJobId } from '../../../src/queues/job-ids';
import { freePort } from '../../helpers/free-port';
import { type ChannelRig, counterValue, startRig } from '../channel-harness';
import sms from './fixtures/sms.json';
import location from './fixtures/whatsapp-location.json';
import media from './fixtures/whatsapp-media.json';
import whatsappText from './fixtures/whatsapp-text.json';
import { ACCOUNT_SID, type Form, signed } from './sign';

const PUBLIC = 'https://halo.example.go.id';
const PATH = '/webhooks/twilio';

let rig: ChannelRig;
beforeAll(async () => {
  rig = await startRig('twhook');
});
afterAll(async () => {
  await rig.close();
});

const post = (url: string, req: { headers: Record<string, string>; payload: string }, extraHeaders = {}) =>
  rig.app.inject({ method: 'POST', url, headers: { ...req.headers, ...extraHeaders }, payload: req.payload });

async function queued(raw: { channel: string; externalId: string }): Promise<RawMessage | undefined> {
  const job = await rig.queues.inbound.getJob(inboundJobId(raw.channel, raw.externalId));
  return job?.data.raw;
}

let n = 0;
/** A fresh MessageSid, so that cases never share a job. */
const sid = () => `SM${(++n).toString(16).padStart(32, '0')}`;
const form = (base: Form = sms, extra: Form = {}): Form => ({ ...base, MessageSid: sid(), ...extra });

describe('signature matrix', () => {
  const cases: Array<{
    label: string;
    signedUrl: (f: Form) => string;
    requestUrl: string;
    tamper?: (body: string) => string;
    headers?: Record<string, string>;
    token?: string;
    status: number;
  }> = [
    { label: 'valid signature', signedUrl: () => `${PUBLIC}${PATH}`, requestUrl: PATH, status: 200 },
    {
      label: 'wrong signature (another auth token)',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: PATH,
      token: '0000000000000000000000000000000a',
      status: 403,
    },
    {
      label: 'extra parameter added after signing',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: PATH,
      tamper: (b) => `${b}&Extra=1`,
      status: 403,
    },
    {
      label: 'changed parameter value',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: PATH,
      tamper: (b) => b.replace('unjuk+rasa', 'unjuk+rasa+besar'),
      status: 403,
    },
    {
      label: 'parameters in another order than signed (Twilio sorts them)',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: PATH,
      tamper: (b) => b.split('&').reverse().join('&'),
      status: 200,
    },
    {
      label: 'query string signed and sent',
      signedUrl: () => `${PUBLIC}${PATH}?office=palopo&v=1`,
      requestUrl: `${PATH}?office=palopo&v=1`,
      status: 200,
    },
    {
      label: 'query string changed after signing',
      signedUrl: () => `${PUBLIC}${PATH}?office=palopo`,
      requestUrl: `${PATH}?office=makassar`,
      status: 403,
    },
    {
      label: 'query string added that was not signed',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: `${PATH}?x=1`,
      status: 403,
    },
    {
      label: 'URL signed with the default port :443',
      signedUrl: () => `https://halo.example.go.id:443${PATH}`,
      requestUrl: PATH,
      status: 200,
    },
    {
      label: 'behind a TLS-terminating proxy: request arrives on http, signed for https PUBLIC_URL',
      signedUrl: () => `${PUBLIC}${PATH}`,
      requestUrl: PATH,
      headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' },
      status: 200,
    },
    {
      label: 'signed for the http URL the proxy forwarded to (not what Twilio calls)',
      signedUrl: () => `http://127.0.0.1:3000${PATH}`,
      requestUrl: PATH,
      headers: { host: '127.0.0.1:3000' },
      status: 403,
    },
    {
      label: 'forged Host header with a signature for that host',
      signedUrl: () => `https://evil.example${PATH}`,
      requestUrl: PATH,
      headers: { host: 'evil.example', 'x-forwarded-proto': 'https' },
      status: 403,
    },
  ];

  test.each(cases)('$label → $status', async (c) => {
    const f = form();
    const req = signed(c.signedUrl(f), f, c.token);
    const res = await post(
      c.requestUrl,
      { ...req, payload: c.tamper ? c.tamper(req.payload) : req.payload },
      c.headers,
    );
    expect(res.statusCode).toBe(c.status);
    if (c.status === 200) {
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.body).toBe('<Response/>');
      expect(await queued({ channel: 'sms', externalId: f.MessageSid! })).toBeDefined();
    } else {
      expect(await queued({ channel: 'sms', externalId: f.MessageSid! })).toBeUndefined();
    }
  });

  test('PUBLIC_URL with a port: Twilio signs with it; the twilio package also accepts it without', async () => {
    const port = await freePort();
    const withPort = await startRig('twport', {
      env: { PUBLIC_URL: `http://gateway.example:${port}` },
      database: rig.database,
    });
    try {
      const cases = [
        { url: `http://gateway.example:${port}${PATH}`, status: 200 },
        { url: `http://gateway.example${PATH}`, status: 200 },
        { url: `http://gateway.example:${port + 1}${PATH}`, status: 403 },
        { url: `https://gateway.example:${port}${PATH}`, status: 403 },
      ];
      for (const c of cases) {
        const res = await withPort.app.inject({ method: 'POST', url: PATH, ...signed(c.url, form()) });
        expect({ url: c.url, status: res.statusCode }).toEqual(c);
      }
    } finally {
      await withPort.close();
    }
  });

  test('PUBLIC_URL written with :443, Twilio signing without the port', async () => {
    const explicit = await startRig('tw443', {
      env: { PUBLIC_URL: 'https://halo.example.go.id:443' },
      database: rig.database,
    });
    try {
      const f = form();
      const res = await explicit.app.inject({ method: 'POST', url: PATH, ...signed(`${PUBLIC}${PATH}`, f) });
      expect(res.statusCode).toBe(200);
    } finally {
      await explicit.close();
    }
  });
});

describe('order of checks', () => {
  test('no X-Twilio-Signature → 400, nothing queued', async () => {
    const f = form();
    const req = signed(`${PUBLIC}${PATH}`, f);
    const res = await rig.app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': req.headers['content-type'] },
      payload: req.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(await queued({ channel: 'sms', externalId: f.MessageSid! })).toBeUndefined();
  });

  test('signed by our token but for another AccountSid → 403, nothing queued', async () => {
    const f = form(sms, { AccountSid: 'ACffffffffffffffffffffffffffffffff' });
    const res = await post(PATH, signed(`${PUBLIC}${PATH}`, f));
    expect(res.statusCode).toBe(403);
    expect(await queued({ channel: 'sms', externalId: f.MessageSid! })).toBeUndefined();
  });

  test('a forged request leaves no trace but the 403 and a log line', async () => {
    const before = await rig.queues.inbound.getJobCounts();
    const f = form();
    const res = await post(PATH, signed(`${PUBLIC}${PATH}`, f, 'forged-token-forged-token-forged'));
    expect(res.statusCode).toBe(403);
    expect(await rig.queues.inbound.getJobCounts()).toEqual(before);
    const rows = await rig.database.db.selectFrom('raw_messages').select('id').execute();
    expect(rows).toHaveLength(0);
    const logged = rig.lines.filter((l) => l.includes('signature does not match'));
    expect(logged.length).toBeGreaterThan(0);
    // The log line names no phone number and no body.
    expect(logged.join('\n')).not.toContain('6281377788899');
    expect(logged.join('\n')).not.toContain('unjuk rasa');
  });

  test('body over 64 KB → 413 before the signature is looked at', async () => {
    const f = form(sms, { Body: 'x'.repeat(70 * 1024) });
    const res = await post(PATH, {
      ...signed(`${PUBLIC}${PATH}`, f),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(413);
    expect(await queued({ channel: 'sms', externalId: f.MessageSid! })).toBeUndefined();
  });

  test('without TWILIO_AUTH_TOKEN → 503 and the log says why', async () => {
    const unconfigured = await startRig('twnotok', {
      env: { TWILIO_AUTH_TOKEN: undefined, TWILIO_ACCOUNT_SID: undefined },
      database: rig.database,
    });
    try {
      const f = form();
      const res = await unconfigured.app.inject({ method: 'POST', url: PATH, ...signed(`${PUBLIC}${PATH}`, f) });
      expect(res.statusCode).toBe(503);
      expect(unconfigured.lines.some((l) => l.includes('TWILIO_AUTH_TOKEN is not set'))).toBe(true);
    } finally {
      await unconfigured.close();
    }
  });

  test('requests are counted by status in halo_webhook_requests_total', async () => {
    const ok = await counterValue(rig.metrics, 'halo_webhook_requests_total', { provider: 'twilio', status: '200' });
    const tooLarge = await counterValue(rig.metrics, 'halo_webhook_requests_total', {
      provider: 'twilio',
      status: '413',
    });
    await post(PATH, signed(`${PUBLIC}${PATH}`, form()));
    await post(PATH, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `Body=${'y'.repeat(66000)}`,
    });
    expect(await counterValue(rig.metrics, 'halo_webhook_requests_total', { provider: 'twilio', status: '200' })).toBe(
      ok + 1,
    );
    expect(await counterValue(rig.metrics, 'halo_webhook_requests_total', { provider: 'twilio', status: '413' })).toBe(
      tooLarge + 1,
    );
  });
});

describe('what Twilio sends becomes the RawMessage', () => {
  const payloads: Array<{ label: string; form: Form; check: (raw: RawMessage) => void }> = [
    {
      label: 'SMS',
      form: sms,
      check: (raw) => {
        expect(raw).toMatchObject({ channel: 'sms', provider: 'twilio', from: '+6281377788899', to: '+15005550006' });
        expect(raw.media).toEqual([]);
        expect(raw.geo).toBeNull();
      },
    },
    {
      label: 'WhatsApp text with profile name and emoji',
      form: whatsappText,
      check: (raw) => {
        expect(raw).toMatchObject({ channel: 'whatsapp', from: 'whatsapp:+6281245678901', profileName: 'Andi Baso' });
        expect(raw.text).toBe(whatsappText.Body);
        expect(raw.params?.WaId).toBe('6281245678901');
      },
    },
    {
      label: 'WhatsApp location',
      form: location,
      check: (raw) => {
        expect(raw.channel).toBe('whatsapp');
        expect(raw.geo).toEqual({
          latitude: -2.9925,
          longitude: 120.1969,
          address: 'Jl. Andi Djemma, Amassangan, Wara, Kota Palopo',
          label: 'Pasar Sentral Palopo',
        });
      },
    },
    {
      label: 'WhatsApp media (listed, not fetched)',
      form: media,
      check: (raw) => {
        expect(raw.media).toEqual([
          { url: media.MediaUrl0, contentType: 'image/jpeg' },
          { url: media.MediaUrl1, contentType: 'application/x-msdownload' },
        ]);
      },
    },
    {
      label: 'Unicode body (Bugis script, Chinese, accents) and emoji',
      form: { ...sms, Body: 'ᨒᨒᨚ ᨕᨗᨀ ᨄᨘᨑᨚ — 巴罗波 café 🔥🚓👮‍♂️ tawuran!' },
      check: (raw) => expect(raw.text).toBe('ᨒᨒᨚ ᨕᨗᨀ ᨄᨘᨑᨚ — 巴罗波 café 🔥🚓👮‍♂️ tawuran!'),
    },
    {
      label: '1,600-character body (Twilio concatenated SMS maximum)',
      form: { ...sms, Body: 'Lapor: '.padEnd(1600, 'tawuran di pasar ') },
      check: (raw) => expect(raw.text).toHaveLength(1600),
    },
  ];

  test.each(payloads)('$label', async (p) => {
    const f: Form = { ...p.form, MessageSid: sid() };
    const res = await post(PATH, signed(`${PUBLIC}${PATH}`, f));
    expect(res.statusCode).toBe(200);
    const raw = await queued({
      channel: f.From!.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
      externalId: f.MessageSid!,
    });
    expect(raw).toBeDefined();
    expect(raw!.externalId).toBe(f.MessageSid);
    p.check(raw!);
  });

  test('the same MessageSid any number of times = one job', async () => {
    const f = form(whatsappText);
    const before = (await rig.queues.inbound.getJobCounts()).waiting ?? 0;
    for (let i = 0; i < 5; i++) expect((await post(PATH, signed(`${PUBLIC}${PATH}`, f))).statusCode).toBe(200);
    expect(((await rig.queues.inbound.getJobCounts()).waiting ?? 0) - before).toBe(1);
  });
});

describe('Redis unreachable', () => {
  let down: ChannelRig;
  beforeAll(async () => {
    const closed = await freePort();
    down = await startRig('twdown', { redisUrl: `redis://127.0.0.1:${closed}`, database: rig.database });
  });
  afterAll(async () => {
    await down.close();
  });

  test('a signed message gets 503 at once, never a 200, and nothing is stored', async () => {
    const f = form(whatsappText);
    const started = Date.now();
    const res = await down.app.inject({ method: 'POST', url: PATH, ...signed(`${PUBLIC}${PATH}`, f) });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('Response');
    // "at once": well inside Twilio's 15-second webhook timeout (a generous bound, not a speed assertion)
    expect(Date.now() - started).toBeLessThan(10000);
    expect(await down.database.db.selectFrom('raw_messages').select('id').execute()).toHaveLength(0);
    expect(await queued({ channel: 'whatsapp', externalId: f.MessageSid! })).toBeUndefined();
    expect(down.lines.some((l) => l.includes('could not be queued'))).toBe(true);
  });
});

test('fixtures carry the test AccountSid', () => {
  expect([sms, whatsappText, location, media].every((f) => f.AccountSid === ACCOUNT_SID)).toBe(true);
});

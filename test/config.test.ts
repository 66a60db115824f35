import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const c = parseConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/halo_kesbang');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.QUEUE_PREFIX).toBe('{halo}');
    expect(c.PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(c.HALO_ROLES).toEqual(['api', 'imap', 'normalize', 'outbound']);
    expect(c.REGION_CODE).toBe('73.73');
    expect(c.TIMEZONE).toBe('Asia/Makassar');
    expect(c.IMAP_MAILBOX).toEqual(['INBOX']);
    expect(c.IMAP_PORT).toBe(993);
    expect(c.IMAP_SECURE).toBe(true);
    expect(c.ACK_REPLIES).toBe(true);
    expect(c.MAX_EMAIL_BYTES).toBe(26214400);
    expect(c.TWILIO_API_URL).toBe('https://api.twilio.com');
  });

  test('PUBLIC_URL follows HOST and PORT unless given, without a trailing slash', () => {
    expect(parseConfig({ HOST: '0.0.0.0', PORT: '8080' }).PUBLIC_URL).toBe('http://0.0.0.0:8080');
    expect(parseConfig({ PUBLIC_URL: 'https://halo.palopokota.go.id/' }).PUBLIC_URL).toBe(
      'https://halo.palopokota.go.id',
    );
  });

  test('lists are split and trimmed; blank values count as unset', () => {
    const c = parseConfig({ HALO_ROLES: ' api, normalize ', IMAP_MAILBOX: 'INBOX, Laporan', TWILIO_FROM: '  ' });
    expect(c.HALO_ROLES).toEqual(['api', 'normalize']);
    expect(c.IMAP_MAILBOX).toEqual(['INBOX', 'Laporan']);
    expect(c.TWILIO_FROM).toBeUndefined();
  });

  test('REDIS_CLUSTER_NODES lists host:port pairs (IPv6 in brackets); unset means one Redis at REDIS_URL', () => {
    expect(parseConfig({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(
      parseConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.12:7001,[fd00::3]:7002' }).REDIS_CLUSTER_NODES,
    ).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.12', port: 7001 },
      { host: 'fd00::3', port: 7002 },
    ]);
  });

  test.each([
    ['REDIS_CLUSTER_NODES', { REDIS_CLUSTER_NODES: 'redis-a:7000,redis-b' }],
    ['REDIS_CLUSTER_NODES', { REDIS_CLUSTER_NODES: 'redis-a:70000' }],
    ['REDIS_CLUSTER_NODES', { REDIS_CLUSTER_NODES: 'redis://redis-a:7000' }],
    ['QUEUE_PREFIX', { REDIS_CLUSTER_NODES: 'redis-a:7000', QUEUE_PREFIX: 'halo' }],
    ['QUEUE_PREFIX', { REDIS_CLUSTER_NODES: 'redis-a:7000', QUEUE_PREFIX: '{}halo' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: 'abc' }],
    ['HALO_ROLES', { HALO_ROLES: 'api,mailer' }],
    ['REGION_CODE', { REGION_CODE: '7373' }],
    ['TIMEZONE', { TIMEZONE: 'Mars/Olympus' }],
    ['ACK_REPLIES', { ACK_REPLIES: 'maybe' }],
    ['MAX_EMAIL_BYTES', { MAX_EMAIL_BYTES: '-1' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'halo.example' }],
    ['IMAP_USER', { IMAP_HOST: 'imap.example.org' }],
    ['TWILIO_ACCOUNT_SID', { TWILIO_AUTH_TOKEN: 'secret' }],
    ['IMAP_PROCESSED_FOLDER', { IMAP_MAILBOX: 'INBOX,Arsip', IMAP_PROCESSED_FOLDER: 'Arsip' }],
  ])('a wrong %s is named in one line', (variable, env) => {
    let error: unknown;
    try {
      parseConfig(env as NodeJS.ProcessEnv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^config: ${variable} `));
    expect((error as Error).message).not.toContain('\n');
  });
});

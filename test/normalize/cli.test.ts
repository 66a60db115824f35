import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function runCli(input: string, env: Record<string, string> = {}) {
  return spawnSync('npx', ['tsx', 'src/cli/main.ts', 'normalize'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60000,
  });
}

describe('halo normalize (CLI)', () => {
  test('one JSON line out per line in; a malformed line gives an error line and the run goes on', () => {
    const lines = [
      JSON.stringify({
        channel: 'sms',
        from: '081245678901',
        text: 'Ada tawuran di Kel. Ponjalae skrg',
        receivedAt: '2026-11-20T13:00:00Z',
      }),
      '{not json',
      JSON.stringify({ channel: 'fax', from: 'x', text: 'y', receivedAt: '2026-11-20T13:00:00Z' }),
      JSON.stringify({
        channel: 'email',
        from: 'MAILER-DAEMON@example.com',
        subject: 'Undelivered Mail Returned to Sender',
        text: 'This is the mail system at host example.com.',
        receivedAt: '2026-11-20T13:00:00Z',
        headers: { 'auto-submitted': 'auto-replied', 'return-path': '<>' },
      }),
      JSON.stringify({
        channel: 'sms',
        from: 'INDOSAT',
        text: 'Bonus kuota 10GB!',
        receivedAt: '2026-11-20T13:00:00Z',
      }),
    ];
    const res = runCli(`${lines.join('\n')}\n`);
    expect(res.status).toBe(0);
    const out = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ kind: 'report', category: 'konflik_sosial', priority: 'urgent' });
    expect(out[0]?.location).toMatchObject({ kelurahan: 'Ponjalae', kecamatan: 'Wara Timur' });
    expect(out[1]).toEqual({ error: expect.stringMatching(/^invalid json/) });
    expect(out[2]).toEqual({ error: 'channel must be sms, whatsapp or email' });
    expect(out[3]).toMatchObject({ kind: 'auto_reply', doNotAutoReply: true });
    expect(out[4]).toMatchObject({ kind: 'noise', reporter: { phone: null } });
  });

  test('REGION_CODE chooses the gazetteer', () => {
    const line = JSON.stringify({
      channel: 'sms',
      from: '081245678901',
      text: 'Banjir di Kecamatan Belopa, air msh naik',
      receivedAt: '2026-11-20T13:00:00Z',
    });
    const luwu = JSON.parse(runCli(`${line}\n`, { REGION_CODE: '73.17' }).stdout.trim());
    expect(luwu.location.kecamatan).toBe('Belopa');
    const palopo = JSON.parse(runCli(`${line}\n`).stdout.trim());
    expect(palopo.location.kecamatan).toBeNull();
  });

  test('TIMEZONE moves relative times', () => {
    const line = JSON.stringify({
      channel: 'sms',
      from: '081245678901',
      text: 'kemarin pagi ada tawuran di Ponjalae',
      receivedAt: '2026-11-20T13:00:00Z',
    });
    const out = JSON.parse(runCli(`${line}\n`, { TIMEZONE: 'Asia/Jakarta' }).stdout.trim());
    expect(out.occurredAt).toBe('2026-11-19T08:00:00+07:00');
  });

  test('a bad REGION_CODE stops with a message, not a crash', () => {
    const res = runCli('', { REGION_CODE: '99.99' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/no kecamatan for REGION_CODE 99.99/);
  });
});

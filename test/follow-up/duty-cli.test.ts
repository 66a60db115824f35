/**
 * `halo duty add` and `halo duty list` against a test database. The commands run in-process (quick); one run goes
 * through the real `halo` entry point to prove the command is registered there.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { run } from '../../src/cli/duty-command';
import { type CliResult, runCaptured } from '../helpers/cli-capture';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const ROOT = path.join(__dirname, '..', '..');
let database: TestDatabase;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  database = await createTestDatabase('follow_cli');
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await database.drop();
});

/** Runs the command with stdout and stderr captured. */
function duty(...args: string[]): Promise<CliResult> {
  return runCaptured(run, args);
}

test('duty add puts people on the roster in escalation order; halo duty list prints it as JSON lines', async () => {
  const night = await duty(
    'add',
    '--name',
    'Andi',
    '--phone',
    '0811-1234-5678',
    '--days',
    '1-5',
    '--from',
    '22:00',
    '--to',
    '06:00',
  );
  expect(night.stderr).toBe('');
  expect(night.status).toBe(0);
  expect(JSON.parse(night.stdout)).toMatchObject({
    name: 'Andi',
    phone: '+6281112345678',
    channel: 'sms',
    days: [1, 2, 3, 4, 5],
    from: '22:00',
    to: '06:00',
    active: true,
  });
  expect((await duty('add', '--name', 'Budi', '--email', 'Budi@Kesbang.go.id', '--channel', 'email')).status).toBe(0);

  const list = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'duty', 'list'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    timeout: 60000,
  });
  expect(list.status).toBe(0);
  const people = list.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(people.map((p) => [p.name, p.channel, p.email, p.days, p.from])).toEqual([
    ['Andi', 'sms', null, [1, 2, 3, 4, 5], '22:00'],
    ['Budi', 'email', 'budi@kesbang.go.id', [], null],
  ]);
  expect(people[0].position).toBeLessThan(people[1].position);
});

test.each([
  ['no phone or email', ['--name', 'X'], /--phone or --email is required/],
  [
    'only one end of the hours',
    ['--name', 'X', '--phone', '08111234567', '--from', '22:00'],
    /isi kedua jam atau kosongkan keduanya/,
  ],
  [
    'a channel without its address',
    ['--name', 'X', '--phone', '08111234567', '--channel', 'email'],
    /kanal email memerlukan/,
  ],
  ['a bad time', ['--name', 'X', '--phone', '08111234567', '--from', '25:00', '--to', '06:00'], /HH:MM/],
  ['an unknown option', ['--name', 'X', '--phone', '08111234567', '--shift', 'night'], /Unknown option/],
])('duty add refuses %s with a clear message and exit code 2', async (_label, args, message) => {
  const r = await duty('add', ...args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).toBe('');
});

/**
 * A PostgreSQL server of the test's own (Debian's postgresql binaries: initdb and pg_ctl) in a temporary directory
 * on a free port, so that an outage test may stop, kill and restart it without disturbing anything else.
 * initdb and pg_ctl refuse to run as root: when the tests run as root, they run as the `postgres` user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { databaseUrl } from './test-database';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** The maintenance database URL (`…/postgres`); `databaseUrl(name, server.url)` names another database. */
  url: string;
  port: number;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open connections are closed, as in a planned restart. */
  stop(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every server process quits at once without a checkpoint, as in a crash. */
  kill(): Promise<void>;
  /** The database URL of a database on this server. */
  database(name: string): string;
  destroy(): Promise<void>;
}

/** Where Debian puts the server binaries (/usr/lib/postgresql/<major>/bin), newest first; PG_BIN overrides. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0)
    throw new Error('private-postgres: no initdb under /usr/lib/postgresql (apt-get install postgresql)');
  return path.join(root, majors[0]!, 'bin');
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
async function pgRun(bin: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(file, argv, { timeout: 60000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`private-postgres: ${path.basename(bin)} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'halo-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'run');
  mkdirSync(socketDir);
  if (asRoot) {
    // mkdtemp makes the directory 0700 and root's: the server runs as postgres and must own it.
    const { uid, gid } = postgresIds();
    for (const d of [dir, socketDir]) chownSync(d, uid, gid);
  }
  await pgRun(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // fsync off: the tests crash the server on purpose but never the machine; durability is not what they measure.
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const pgCtl = (...args: string[]) => pgRun(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const server: PrivatePostgres = {
    url,
    port,
    async start() {
      await pgCtl('-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start');
    },
    async stop() {
      await pgCtl('-m', 'fast', '-w', '-t', '60', 'stop');
    },
    async kill() {
      await pgCtl('-m', 'immediate', '-w', '-t', '60', 'stop');
    },
    database(name) {
      return databaseUrl(name, url);
    },
    async destroy() {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {}); // already stopped is fine
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function postgresIds(): { uid: number; gid: number } {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('private-postgres: no postgres user (apt-get install postgresql creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

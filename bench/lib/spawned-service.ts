/**
 * The service as `npm start` runs it — workers/all.ts in its own node process with tsx's loader, all roles — over a
 * scratch database and queue prefix, with a loopback server standing in for Twilio's REST API (acknowledgements
 * are really sent, never off the machine). Gives a staff Bearer token for the JSON API.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/password-hash';
import { hashSecret, newSecret } from '../../src/auth/secret-tokens';
import { insertApiToken } from '../../src/db/repos/api-tokens';
import { upsertUser } from '../../src/db/repos/users';
import { type LoopbackTwilio, startLoopbackTwilio } from '../../test/channels/loopback-twilio';
import { freePort } from '../../test/helpers/free-port';
import { type SpawnedService, spawnService } from '../../test/helpers/spawn-service';
import { REDIS_URL, type Scratch } from './scratch';

export interface RunningService {
  url: string;
  pid: number;
  accountSid: string;
  authToken: string;
  twilio: LoopbackTwilio;
  /** A Bearer token of a new admin (admins see reporters' phones unmasked: the stream can be matched to sends). */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: SpawnedService, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.child.exitCode !== null)
      throw new Error(`bench: service exited at start-up: ${child.stderr().slice(-500)}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bench: service not ready after ${limitMs} ms: ${child.stderr().slice(-500)}`);
}

export async function startSpawnedService(s: Scratch): Promise<RunningService> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const twilio = await startLoopbackTwilio({ accountSid, authToken });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnService(
    {
      DATABASE_URL: s.dbUrl,
      REDIS_URL,
      QUEUE_PREFIX: s.prefix,
      HOST: '127.0.0.1',
      PORT: String(port),
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM: 'whatsapp:+14155238886',
      TWILIO_API_URL: twilio.url,
      LOG_LEVEL: 'warn',
    },
    'workers/all.ts',
    [],
    // bench/run.ts profiles a workload that misses its target: the service process writes its own profile.
    process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}/service`] : [],
  );
  // Interrupted (Ctrl-C, the runner's time limit): never leave the service running behind.
  const orphanGuard = () => child.child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const stop = async () => {
    process.off('exit', orphanGuard);
    if (child.child.exitCode === null) {
      child.child.kill('SIGTERM');
      const killer = setTimeout(() => child.child.kill('SIGKILL'), 12_000);
      await child.exited;
      clearTimeout(killer);
    }
    await twilio.close();
  };
  try {
    await waitReady(url, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    pid: child.child.pid!,
    accountSid,
    authToken,
    twilio,
    async adminToken() {
      const db = await s.openDb(2);
      const { user } = await upsertUser(db, {
        email: `bench-${randomBytes(3).toString('hex')}@kesbang.test`,
        role: 'admin',
        name: 'Bench',
        passwordHash: await hashPassword(randomBytes(12).toString('hex')),
      });
      const token = newSecret('hk_');
      await insertApiToken(db, { userId: user.id, name: 'bench', tokenHash: hashSecret(token) });
      return token;
    },
    stop,
  };
}

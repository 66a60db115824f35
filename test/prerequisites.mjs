#!/usr/bin/env node
// Before the test suite: every real service the tests use must be there. One line names what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const pgUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

const answers = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect(Number(port), host);
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });

const missing = [];
if (!(await answers(pgUrl.hostname, pgUrl.port || 5432)))
  missing.push(`PostgreSQL at ${pgUrl.hostname}:${pgUrl.port || 5432} (apt-get install postgresql, then start it)`);
if (!(await answers(redisUrl.hostname, redisUrl.port || 6379)))
  missing.push(`Redis at ${redisUrl.hostname}:${redisUrl.port || 6379} (apt-get install redis-server, then start it)`);
if (!existsSync(process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot'))
  missing.push('Dovecot (apt-get install dovecot-imapd)');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) missing.push('Chromium (apt-get install chromium)');
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  missing.push('pdftotext for the situation report test (apt-get install poppler-utils)');
}
if (missing.length === 0) {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    missing.push('redis-server binary for the outage tests (apt-get install redis-server)');
  }
}
if (missing.length > 0) {
  console.error(`npm test: missing ${missing.join('; ')}`);
  process.exit(1);
}

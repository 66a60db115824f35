/**
 * A private Dovecot IMAP server for tests, from Debian's dovecot-imapd, in a temporary directory on a free port:
 * passwd-file passdb, static userdb with the unprivileged `nobody` user, maildir under the temp dir, no TLS,
 * listening on 127.0.0.1 only. Stop and start it again to simulate a server restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './free-port';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
const MAIL_UID = 65534; // nobody
const MAIL_GID = 65534; // nogroup

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** A logged-in client for setting up mail (APPEND, folder changes). */
  client(): Promise<ImapFlow>;
  /** Appends raw messages to a mailbox. */
  deliver(raw: string | Buffer | Array<string | Buffer>, mailbox?: string): Promise<void>;
  destroy(): Promise<void>;
}

async function waitForPort(port: number, timeoutMs = 10000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startDovecot(options: { user?: string; pass?: string } = {}): Promise<Dovecot> {
  const user = options.user ?? 'kesbang';
  const pass = options.pass ?? 'rahasia-test';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'halo-dovecot-'));
  // mkdtemp makes the directory 0700: the mail user must be able to enter it.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(path.join(dir, sub), { recursive: true });
  chownSync(path.join(dir, 'home'), MAIL_UID, MAIL_GID);
  const port = await freePort();
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}::::::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  let child: ChildProcess | null = null;

  const dovecot: Dovecot = {
    host: '127.0.0.1',
    port,
    user,
    pass,
    dir,
    async start() {
      // Its own process group, so that a crash can take the imap processes serving open connections with it.
      child = spawn(DOVECOT_BIN, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      const exited = new Promise<never>((_, reject) =>
        child?.once('exit', (code) => reject(new Error(`dovecot exited (${code}): ${stderr.trim()}`))),
      );
      await Promise.race([waitForPort(port), exited]);
    },
    async kill() {
      await stopChild('SIGKILL');
    },
    async stop() {
      await stopChild('SIGTERM');
    },
    async client() {
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false });
      await c.connect();
      return c;
    },
    async deliver(raw, mailbox = 'INBOX') {
      const c = await dovecot.client();
      try {
        for (const one of Array.isArray(raw) ? raw : [raw]) await c.append(mailbox, one);
      } finally {
        await c.logout();
      }
    },
    async destroy() {
      await stopChild('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };

  async function stopChild(signal: NodeJS.Signals) {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const done = new Promise((r) => c.once('exit', r));
    if (signal === 'SIGKILL' && c.pid) {
      // A crash: master and children (imap processes holding client connections) die at once, by process group.
      // Killing only the master would leave each open IMAP session served by an orphan imap process.
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        c.kill(signal);
      }
    } else {
      c.kill(signal);
    }
    await done;
  }

  await dovecot.start();
  return dovecot;
}

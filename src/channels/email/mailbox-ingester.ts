/**
 * Keeps one mailbox in sync for as long as the service runs: a new ImapFlow connection each time (imapflow
 * instances are not reusable), a sync on connect, IDLE (imapflow idles on the selected mailbox by itself) with a
 * sync on every EXISTS, a periodic resync as a safety net, and reconnection with exponential backoff and jitter.
 * With IMAP_PROCESSED_FOLDER set, each sync is followed by the move of committed mail, and a shorter timer runs
 * both so that mail leaves the mailbox soon after its incident is stored.
 */
import { ImapFlow } from 'imapflow';
import type { MailboxStatus } from '../../app-deps/status-board';
import type { Db } from '../../db/connection';
import { recordMailboxError } from '../../db/repos/mailbox-state';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';
import { moveProcessedMail } from './mailbox-move';
import { type SyncDeps, syncMailbox } from './mailbox-sync';
import { type BackoffOptions, DEFAULT_BACKOFF, reconnectDelay } from './reconnect-backoff';

export interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
}

export interface IngesterDeps extends Omit<SyncDeps, 'onBacklog' | 'stopping'> {
  account: ImapAccount;
  db: Db;
  logger: Logger;
  metrics?: Metrics;
  /** The safety-net resync while connected (default 5 minutes). */
  resyncIntervalMs?: number;
  /** IMAP_PROCESSED_FOLDER: where committed mail is moved; null leaves the mailbox as it is. */
  processedFolder?: string | null;
  /** How often committed mail is looked for while connected, when a folder is set (default 30 s). */
  moveIntervalMs?: number;
  backoff?: BackoffOptions;
}

/** Opens a new connection to the account (one per connection, never reused). */
export function createImapClient(account: ImapAccount, maxEmailBytes: number): ImapFlow {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.pass },
    logger: false,
    // A server announcing a literal far above the size it reported is refused rather than buffered.
    maxLiteralSize: maxEmailBytes * 2 + 1024 * 1024,
    maxResponseSize: maxEmailBytes * 2 + 2 * 1024 * 1024,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    // Back to IDLE one second after our last command (imapflow waits 15 s by default): new mail shows at once.
    autoIdleDelay: 1000,
  });
}

export class MailboxIngester {
  readonly status: MailboxStatus;
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private failedThisConnection = false;

  constructor(
    private readonly deps: IngesterDeps,
    readonly mailbox: string,
  ) {
    this.status = { name: mailbox, state: 'connecting', lastSyncAt: null, backlog: null, lastError: null };
  }

  start(): void {
    this.loopDone ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const client = this.client;
    if (client) {
      await this.syncing?.catch(() => {});
      // A server that does not answer LOGOUT gets 3 s; the timer is cleared once it answered, or it would keep the
      // process alive for the rest of the 3 s after everything else has shut down.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.logout().catch(() => {}),
        new Promise((r) => {
          timer = setTimeout(r, 3000);
        }),
      ]);
      clearTimeout(timer);
      client.close();
    }
    await this.loopDone;
    this.setState('stopped');
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const client = createImapClient(this.deps.account, this.deps.maxEmailBytes);
      this.client = client;
      let synced = false;
      this.failedThisConnection = false;
      try {
        this.setState('connecting');
        await client.connect();
        this.deps.metrics?.mailboxUp.set({ mailbox: this.mailbox }, 1);
        await this.session(client, () => {
          synced = true;
        });
      } catch (err) {
        this.fail(err);
      } finally {
        this.deps.metrics?.mailboxUp.set({ mailbox: this.mailbox }, 0);
        client.close();
        this.client = null;
      }
      // A sync cut by the close settles (and records its error) before the mailbox is reported down.
      await this.syncing?.catch(() => {});
      if (this.stopped) break;
      // A server that drops the connection without an error still leaves staff a reason to read.
      if (!this.failedThisConnection) this.fail(new Error('IMAP connection closed by the server'));
      // A connection that synced counts as a success: the next failure starts the backoff over.
      failures = synced ? 0 : failures + 1;
      this.setState('down');
      await this.sleep(reconnectDelay(failures, this.deps.backoff ?? DEFAULT_BACKOFF));
    }
  }

  /** Resolves when the connection closes (or the ingester stops). */
  private session(client: ImapFlow, onSynced: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      let selected = false;
      const round = {
        selected: () => selected,
        synced: () => {
          selected = true;
          onSynced();
        },
      };
      const run = () => {
        this.requestSync(client, round).catch((err) => {
          this.fail(err);
          client.close(); // reconnect from scratch: the connection's state is unknown after a failed sync
        });
      };
      const timers = [setInterval(run, this.deps.resyncIntervalMs ?? 5 * 60_000)];
      if (this.deps.processedFolder) timers.push(setInterval(run, this.deps.moveIntervalMs ?? 30_000));
      client.on('error', (err: Error) => this.fail(err));
      client.on('exists', (event: { path: string }) => {
        if (event.path === this.mailbox) run();
      });
      client.once('close', () => {
        for (const timer of timers) clearInterval(timer);
        resolve();
      });
      if (this.stopped) client.close();
      else run();
    });
  }

  /**
   * Syncs, one at a time; a request during a sync makes it run once more afterwards. `round.synced` is called after
   * every round, not once the loop ends: while requests come faster than rounds finish (the mover's timer on a loaded
   * machine) the loop never ends, and a connection still counted as not selected would keep asking STATUS of the
   * mailbox it has selected, which the server answers from the connection's stale view: new mail never showed.
   */
  private requestSync(client: ImapFlow, round: { selected: () => boolean; synced: () => void }): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.again = false;
          this.setState('syncing');
          const result = await syncMailbox(
            client,
            this.mailbox,
            {
              ...this.deps,
              stopping: () => this.stopped,
              onBacklog: (n) => {
                this.status.backlog = n;
                this.deps.metrics?.mailboxBacklog.set({ mailbox: this.mailbox }, n);
              },
            },
            { selected: round.selected() },
          );
          round.synced();
          this.status.lastSyncAt = new Date().toISOString();
          this.status.lastError = null;
          this.deps.metrics?.mailboxLastSync.set({ mailbox: this.mailbox }, Date.now() / 1000);
          if (result.queued > 0 || result.mode !== 'incremental') {
            this.deps.logger.info({ mailbox: this.mailbox, ...result }, 'imap: mailbox synced');
          }
          if (this.deps.processedFolder)
            await this.moveProcessed(client, this.deps.processedFolder, result.uidValidity);
        } while (this.again && !this.stopped);
        this.setState('idle');
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** A failed move is reported (readyz, logs) but does not stop ingestion: the mail stays and is moved later. */
  private async moveProcessed(client: ImapFlow, folder: string, uidValidity: string): Promise<void> {
    try {
      const moved = await moveProcessedMail(client, this.mailbox, uidValidity, { db: this.deps.db, folder });
      if (moved > 0) {
        this.deps.metrics?.mailboxMoved.inc({ mailbox: this.mailbox }, moved);
        this.deps.logger.info({ mailbox: this.mailbox, folder, moved }, 'imap: processed mail moved');
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.failedThisConnection = true;
    const message = err instanceof Error ? err.message : String(err);
    this.status.lastError = message.slice(0, 500);
    this.deps.logger.warn({ mailbox: this.mailbox, err: { message } }, 'imap: mailbox error');
    recordMailboxError(this.deps.db, this.mailbox, message).catch(() => {});
  }

  private setState(state: MailboxStatus['state']): void {
    this.status.state = state;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

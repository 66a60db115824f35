/**
 * `halo reconcile [--all]`: for each mailbox in IMAP_MAILBOX, queues whatever the mailbox holds that was never
 * stored (over the backfill window; --all: the whole mailbox). Prints one JSON line per mailbox on stdout.
 */
import { imapAccountOf } from '../channels/email/imap-account';
import { createImapClient } from '../channels/email/mailbox-ingester';
import { reconcileMailbox } from '../channels/email/mailbox-reconcile';
import { loadSettings } from '../settings';
import { type CliServices, openCliServices } from './cli-services';

export async function run(args: string[]): Promise<number> {
  const services = await openCliServices();
  try {
    return await reconcile(services, { all: args.includes('--all') }, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await services.close();
  }
}

export async function reconcile(
  services: CliServices,
  options: { all: boolean },
  print: (line: string) => void,
): Promise<number> {
  const { config } = services;
  const account = imapAccountOf(config);
  if (!account) {
    process.stderr.write('halo reconcile: imap-not-configured: set IMAP_HOST, IMAP_USER and IMAP_PASS\n');
    return 2;
  }
  const days = (await loadSettings(services.db)).emailBackfillDays;
  const since = options.all ? null : new Date(Date.now() - days * 86_400_000);
  let failed = 0;
  for (const mailbox of config.IMAP_MAILBOX) {
    const client = createImapClient(account, config.MAX_EMAIL_BYTES);
    client.on('error', () => {});
    try {
      await client.connect();
      const result = await reconcileMailbox(client, mailbox, {
        db: services.db,
        queues: services.queues,
        maxEmailBytes: config.MAX_EMAIL_BYTES,
        since,
      });
      print(JSON.stringify({ ...result, since: since?.toISOString() ?? null }));
    } catch (err) {
      failed += 1;
      print(JSON.stringify({ mailbox, error: err instanceof Error ? err.message : String(err) }));
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
  return failed > 0 ? 1 : 0;
}

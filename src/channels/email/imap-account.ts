/** The IMAP account of the configuration, shared by the ingester's start and `halo reconcile`. */
import type { Config } from '../../config';
import type { ImapAccount } from './mailbox-ingester';

/** Null when IMAP_HOST, IMAP_USER or IMAP_PASS is missing: e-mail is not set up on this deployment. */
export function imapAccountOf(config: Config): ImapAccount | null {
  if (!config.IMAP_HOST || !config.IMAP_USER || !config.IMAP_PASS) return null;
  return {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    user: config.IMAP_USER,
    pass: config.IMAP_PASS,
  };
}

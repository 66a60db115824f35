/** What each role of this process is doing, for /readyz. */
import type { Role } from '../config';

export type RoleState = 'starting' | 'running' | 'idle' | 'stopping' | 'stopped' | 'error';

export interface MailboxStatus {
  name: string;
  state: 'connecting' | 'syncing' | 'idle' | 'down' | 'stopped';
  lastSyncAt: string | null;
  backlog: number | null;
  lastError: string | null;
}

export class StatusBoard {
  readonly roles: Partial<Record<Role, RoleState>> = {};
  private mailboxSource: () => MailboxStatus[] = () => [];

  set(role: Role, state: RoleState): void {
    this.roles[role] = state;
  }

  /** The IMAP role reports its mailboxes through this. */
  setMailboxSource(source: () => MailboxStatus[]): void {
    this.mailboxSource = source;
  }

  mailboxes(): MailboxStatus[] {
    return this.mailboxSource();
  }
}

/** "Pesan lain" as a role may see it: reporters' numbers, addresses and names masked for viewers. */
import { maskAddress, maskText, type Role, seesIdentities } from '../auth/masking';
import type { OtherMessageRow } from '../db/repos/raw-messages';

export type OtherMessageKind = 'noise' | 'auto_reply' | 'unreadable';
export const OTHER_MESSAGE_KINDS: OtherMessageKind[] = ['noise', 'auto_reply', 'unreadable'];

export interface OtherMessage {
  id: string;
  channel: string;
  receivedAt: string;
  from: string;
  subject: string | null;
  text: string | null;
  kind: OtherMessageKind;
  /** Why it could not be read (unreadable only). */
  reason: string | null;
}

/** `Rina <rina@…>` → `rina@…`: a viewer sees no display name (a reporter's name), only the masked address. */
function addressOnly(from: string): string {
  const open = from.lastIndexOf('<');
  const close = from.lastIndexOf('>');
  return open >= 0 && close > open ? from.slice(open + 1, close) : from;
}

export function otherMessageForRole(r: OtherMessageRow, role: Role): OtherMessage {
  const sees = seesIdentities(role);
  const shown = (v: string | null) => (v === null || sees ? v : maskText(v));
  return {
    id: r.id,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    from: sees ? r.from_address : maskAddress(addressOnly(r.from_address)),
    subject: shown(r.subject),
    text: shown(r.text),
    kind: r.state === 'unreadable' ? 'unreadable' : (r.kind as OtherMessageKind),
    reason: r.state === 'unreadable' ? r.error : null,
  };
}

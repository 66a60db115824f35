/**
 * One page of "Pesan lain" (messages that became no incident: noise, auto-replies, unreadable) as a member of
 * staff may see it, for the JSON API and the page alike; unmasked senders are audited.
 */
import type { DbOrTrx } from '../db/connection';
import { listOtherMessages } from '../db/repos/raw-messages';
import type { StaffUser } from '../db/repos/users';
import {
  OTHER_MESSAGE_KINDS,
  type OtherMessage,
  type OtherMessageKind,
  otherMessageForRole,
} from '../workspace/other-messages';
import { HttpError } from './http-errors';
import { auditMessagesShown } from './identity-audit';
import { parsePage } from './incident-filter-query';

/** `show`: one kind, or every kind when absent. */
export function parseShow(value: unknown): OtherMessageKind | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !OTHER_MESSAGE_KINDS.includes(value as OtherMessageKind))
    throw new HttpError(400, 'bad_filter', 'show: harus noise, auto_reply atau unreadable');
  return value as OtherMessageKind;
}

export async function otherMessagesPage(
  db: DbOrTrx,
  user: StaffUser,
  query: Record<string, unknown>,
  route: string,
): Promise<{ items: OtherMessage[]; nextCursor: string | null; show: OtherMessageKind | null }> {
  const show = parseShow(query.show);
  const page = await listOtherMessages(db, { ...parsePage(query), show });
  const items = page.rows.map((r) => otherMessageForRole(r, user.role));
  await auditMessagesShown(
    db,
    user,
    route,
    items.map((i) => i.id),
  );
  return { items, nextCursor: page.nextCursor, show };
}

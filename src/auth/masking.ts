/**
 * Reporter identities as the viewer role sees them: `+62812****8901`, `r***@gmail.com`, `B***`.
 *
 * Masking works by structure first (a thread message's from/to, the contact's name, an e-mail display name are
 * identities whole, whatever they look like) and then over free text (titles, summaries, bodies, notes): every
 * phone number and e-mail address found by the linear scanners of identity-scanner.ts, and every known name of the
 * people involved. Views call `identityMask(role, names)` once and pass each field through it; see docs/operations.md
 * ("Security") for what is masked where.
 */
import type { Incident } from '../core/incident';
import { findEmails, findPhones, type Span } from './identity-scanner';

export type Role = 'admin' | 'operator' | 'viewer';

/**
 * Masking reads at most this many characters of one text; a viewer sees the rest cut off. Keeps a hostile 1 MB
 * message from costing more than a bounded amount of work per field.
 */
export const MASK_READ_LIMIT = 20_000;
export const CUT_MARK = ' … [teks dipotong]';

/** `+6281234568901` → `+62812****8901`; `081234568901` → `0812****8901`. At least four digits stay hidden. */
export function maskPhone(phone: string): string {
  const p = phone.replace(/[^\d+]/g, '');
  const digits = p.replace(/\+/g, '');
  if (digits.length < 8) return '****';
  const plus = p.startsWith('+') ? '+' : '';
  const tail = 4;
  let head = plus ? (digits.startsWith('62') ? 5 : 2) : digits.startsWith('62') ? 5 : 4;
  head = Math.max(0, Math.min(head, digits.length - tail - 4));
  return `${plus}${digits.slice(0, head)}****${digits.slice(-tail)}`;
}

/** `rahmat@gmail.com` → `r***@gmail.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `Budi Santoso` → `B***`. */
export function maskName(name: string): string {
  const first = name.trim()[0];
  return first ? `${first}***` : '***';
}

/**
 * An address field, whole: `whatsapp:+14155550100`, `sms:…`, a bare number, an e-mail, or `"Name" <addr>`.
 * Whatever it is, nothing of it is shown but the masks.
 */
export function maskAddress(address: string): string {
  const a = address.trim().slice(0, 1000);
  const scheme = /^(whatsapp|sms|tel|mailto):/i.exec(a)?.[0] ?? '';
  const rest = a.slice(scheme.length);
  const lt = rest.lastIndexOf('<');
  if (lt >= 0) {
    const display = rest.slice(0, lt).replace(/["']/g, '').trim();
    const inner = rest.slice(lt + 1).replace(/>.*$/, '');
    return `${scheme}${display ? `${maskName(display)} ` : ''}<${maskAddress(inner)}>`;
  }
  if (rest.includes('@')) return `${scheme}${maskEmail(rest)}`;
  if (/\d/.test(rest)) return `${scheme}${maskPhone(rest)}`;
  return `${scheme}${maskName(rest)}`;
}

/** Cuts text at MASK_READ_LIMIT, never inside a number or an address (a half number would escape the scanner). */
function capped(text: string): { text: string; cut: boolean } {
  if (text.length <= MASK_READ_LIMIT) return { text, cut: false };
  let end = MASK_READ_LIMIT;
  const floor = MASK_READ_LIMIT - 400;
  while (end > floor && !/\s/.test(text[end - 1]!)) end--;
  // Spaces inside a number ("0812 3456"): keep stepping back while the tail is digits and separators.
  while (end > floor && /[\d\s().+-]/.test(text[end - 1]!)) end--;
  return { text: text.slice(0, end), cut: true };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of the known names worth masking (three letters or more), longest first. */
function nameWords(names: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    const clean = name
      ?.replace(/["'<>]/g, ' ')
      .trim()
      .slice(0, 200);
    if (!clean) continue;
    for (const w of clean.split(/\s+/).slice(0, 8)) if ([...w].length >= 3 && !/\d/.test(w)) words.add(w);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * A pattern of literal words only (no quantifier): V8 matches it in time linear in the text. Word edges are
 * checked in the replacer, so "Ani" does not mask "Daniel".
 */
function maskNames(text: string, words: string[]): string {
  if (words.length === 0) return text;
  const re = new RegExp(words.map(escapeRegExp).join('|'), 'giu');
  return text.replace(re, (match: string, offset: number) => {
    const before = offset > 0 ? text[offset - 1]! : ' ';
    const after = text[offset + match.length] ?? ' ';
    return /[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after) ? match : maskName(match);
  });
}

/** Phones and e-mail addresses in free text, masked; e-mails first, so a number inside an address stays one mask. */
function maskContacts(text: string): string {
  const emails = findEmails(text);
  let out = '';
  let at = 0;
  const pieces: (Span & { compact?: string })[] = [];
  for (const e of emails) {
    for (const p of findPhones(text.slice(at, e.start))) pieces.push({ ...p, start: p.start + at, end: p.end + at });
    pieces.push(e);
    at = e.end;
  }
  for (const p of findPhones(text.slice(at))) pieces.push({ ...p, start: p.start + at, end: p.end + at });
  at = 0;
  for (const s of pieces) {
    const found = text.slice(s.start, s.end);
    out += text.slice(at, s.start) + (s.kind === 'email' ? maskEmail(found) : maskPhone(s.compact ?? found));
    at = s.end;
  }
  return out + text.slice(at);
}

function maskFreeText(text: string, words: string[]): string {
  const { text: head, cut } = capped(text);
  const masked = maskNames(maskContacts(head), words);
  return cut ? masked + CUT_MARK : masked;
}

/** Masks phone numbers, e-mail addresses and the given names in free text (capped at MASK_READ_LIMIT). */
export function maskText(text: string, names: readonly (string | null | undefined)[] = []): string {
  return maskFreeText(text, nameWords(names));
}

/** Whether a role sees reporters' identities. */
export function seesIdentities(role: Role): boolean {
  return role !== 'viewer';
}

/** How one view shows fields that may carry identities, for one role; identity functions for roles that see them. */
export interface IdentityMask {
  readonly masked: boolean;
  /** Free text (title, summary, body, note, error text). */
  text(s: string): string;
  /** A from/to address, masked whole. */
  address(s: string): string;
  /** A person's name (contact, display name), masked whole. */
  name(s: string): string;
}

const SHOW_ALL: IdentityMask = { masked: false, text: (s) => s, address: (s) => s, name: (s) => s };

/**
 * The mask of a view: `names` are the people the view is about (the reporter's contact name, e-mail display
 * names of the thread), masked wherever they appear in free text.
 */
export function identityMask(role: Role, names: readonly (string | null | undefined)[] = []): IdentityMask {
  if (seesIdentities(role)) return SHOW_ALL;
  const words = nameWords(names);
  return {
    masked: true,
    text: (s) => maskFreeText(s, words),
    address: maskAddress,
    name: maskName,
  };
}

/** Every string inside a JSON value (audit details, history values) passed through the mask's free-text rule. */
export function maskJson<T>(value: T, mask: IdentityMask): T {
  if (!mask.masked) return value;
  if (typeof value === 'string') return mask.text(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskJson(v, mask)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskJson(v, mask)])) as T;
  }
  return value;
}

/** The display name of `"Name" <addr>` (an e-mail From), or null. */
export function displayNameOf(address: string | null): string | null {
  if (!address) return null;
  const lt = address.lastIndexOf('<');
  const name = lt > 0 ? address.slice(0, lt).replace(/["']/g, '').trim() : '';
  return name || null;
}

/** The Incident as a role may see it; `names` adds other people of the thread to the reporter's own name. */
export function incidentForRole(incident: Incident, role: Role, names: readonly (string | null)[] = []): Incident {
  if (seesIdentities(role)) return incident;
  const r = incident.reporter;
  const mask = identityMask(role, [r.name, ...names]);
  return {
    ...incident,
    title: mask.text(incident.title),
    summary: mask.text(incident.summary),
    reporter: {
      name: r.name ? maskName(r.name) : null,
      phone: r.phone ? maskPhone(r.phone) : null,
      email: r.email ? maskEmail(r.email) : null,
      // "Ketua RT 02/RW 01 Ponjalae" names one person: a viewer learns only that the reporter is registered.
      registered: r.registered ? 'Pelapor terdaftar' : null,
    },
  };
}

/** Whether an incident carries any identity at all (only those make an audit entry when shown). */
export function hasIdentity(incident: Incident): boolean {
  const r = incident.reporter;
  return Boolean(r.name || r.phone || r.email || r.registered);
}

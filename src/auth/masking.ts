/**
 * Reporter identities as the viewer role sees them (CONTRACT.md): `+62812****8901`, `r***@gmail.com`, `B***`.
 * Text fields (message bodies) are masked too: reporters write their numbers and addresses into them.
 */
import type { Incident } from '../core/incident';

export type Role = 'admin' | 'operator' | 'viewer';

/** `+6281234568901` → `+62812****8901`. Short or odd values keep only their last two characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 10) return `${p.slice(0, 6)}****${p.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, p.length - 2))}${p.slice(-2)}`;
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

/** An address of any kind (a phone, `whatsapp:+62…`, an email, or `Name <email>`). */
export function maskAddress(address: string): string {
  return maskText(address);
}

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Indonesian numbers as people write them: +62 812-3456-7890, 0812 3456 7890, 62812…
const PHONE_RE = /(?:\+62|\b62|\b0)[\s.-]?8\d(?:[\s.-]?\d){6,11}\b/g;

/** Masks every email address and Indonesian phone number found in free text. */
export function maskText(text: string): string {
  return text.replace(EMAIL_RE, (m) => maskEmail(m)).replace(PHONE_RE, (m) => maskPhone(m.replace(/[\s.-]/g, '')));
}

/** Whether a role sees reporters' identities. */
export function seesIdentities(role: Role): boolean {
  return role !== 'viewer';
}

/** The Incident as a role may see it. */
export function incidentForRole(incident: Incident, role: Role): Incident {
  if (seesIdentities(role)) return incident;
  const r = incident.reporter;
  return {
    ...incident,
    title: maskText(incident.title),
    summary: maskText(incident.summary),
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

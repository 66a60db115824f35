/**
 * An incident's history as sentences staff read ("Rina mengubah status dari Baru ke Terverifikasi"), not codes:
 * statuses, categories, priorities, people and places by their names.
 */
import type { IncidentStatus } from '../../core/incident';
import { CATEGORY_LABELS, type Category, type Priority } from '../../core/normalized-message';
import type { HistoryEntry } from '../../db/repos/incident-history';
import { PRIORITY_LABELS, STATUS_LABELS } from '../labels';

export interface NameLookups {
  /** A staff member's name by user id. */
  staff(id: string): string | null;
  /** A kelurahan's name by its code. */
  kelurahan(code: string): string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);

const status = (v: unknown) => STATUS_LABELS[v as IncidentStatus] ?? str(v) ?? '–';
const category = (v: unknown) => (v ? (CATEGORY_LABELS[v as Category] ?? String(v)) : 'Belum dikategorikan');
const priority = (v: unknown) => PRIORITY_LABELS[v as Priority] ?? str(v) ?? '–';

function place(v: unknown, names: NameLookups): string {
  const l = obj(v);
  const code = str(l.kelurahanCode);
  const parts = [
    code ? `Kel. ${names.kelurahan(code) ?? code}` : null,
    l.rt || l.rw ? `RT ${str(l.rt) ?? '–'}/RW ${str(l.rw) ?? '–'}` : null,
    str(l.street),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'tidak diketahui';
}

/** One history entry as a sentence; the actor is the staff member, or "Sistem" for automatic steps. */
export function historySentence(h: HistoryEntry, names: NameLookups): string {
  const who = h.user?.name || 'Sistem';
  const to = obj(h.to);
  switch (h.kind) {
    case 'status':
      return `${who} mengubah status dari ${status(h.from)} ke ${status(h.to)}`;
    case 'assignment': {
      const id = str(h.to);
      return id ? `${who} menugaskan ${names.staff(id) ?? 'petugas lain'}` : `${who} melepas petugas dari insiden ini`;
    }
    case 'correction.category':
      return `Kategori dikoreksi oleh ${who}: ${category(h.from)} → ${category(h.to)}`;
    case 'correction.priority':
      return `Prioritas dikoreksi oleh ${who}: ${priority(h.from)} → ${priority(h.to)}`;
    case 'correction.location':
      return `Lokasi dikoreksi oleh ${who}: ${place(h.from, names)} → ${place(h.to, names)}`;
    case 'duplicate':
      return to.decision === 'confirmed'
        ? `${who} menandai insiden ini sebagai duplikat dari insiden nomor ${str(to.duplicateOf)}`
        : `${who} menyatakan insiden ini bukan duplikat`;
    case 'merge':
      return `${who} menggabungkan insiden ini ke insiden nomor ${str(to.into)}`;
    case 'merged_from':
      return `${who} menggabungkan insiden nomor ${str(to.from)} ke sini (${Number(to.messages ?? 0)} pesan dipindahkan)`;
    case 'reply':
      return `${who} mengirim balasan ke pelapor`;
    case 'note':
      return `${who} menambahkan catatan internal`;
    case 'alert': {
      const people = Array.isArray(to.people) ? to.people.join(', ') : '';
      return `Peringatan dikirim ke petugas siaga${people ? `: ${people}` : ''}`;
    }
    case 'escalation':
      return `Belum ada yang menerima peringatan: eskalasi ke tingkat ${str(to.level) ?? '?'}${str(to.person) ? ` (${str(to.person)})` : ''}`;
    case 'ack':
      return `Peringatan diterima oleh ${str(to.by) ?? who}${to.via === 'workspace' ? ' di ruang kerja' : to.via ? ` lewat ${String(to.via).toUpperCase()}` : ''}`;
    case 'forward': {
      const list = Array.isArray(to.stakeholders) ? to.stakeholders.join(', ') : 'pemangku kepentingan';
      return `${who} meneruskan laporan ke ${list}${to.includeReporter ? ' (dengan identitas pelapor)' : ''}`;
    }
    case 'followup.priority':
      return `Prioritas dinaikkan oleh pesan lanjutan pelapor: ${priority(h.from)} → ${priority(h.to)}`;
    case 'followup.location':
      return `Lokasi dilengkapi dari pesan lanjutan pelapor: Kel. ${str(to.kelurahan) ?? '–'}`;
    case 'followup.time':
      return 'Waktu kejadian dilengkapi dari pesan lanjutan pelapor';
    case 'split':
      return `${who} memisahkan satu pesan menjadi insiden baru ${str(to.reference) ?? ''}`.trimEnd();
    case 'split_from':
      return `${who} membuat insiden ini dari pesan yang dipisahkan dari insiden lain`;
    default:
      return `${who}: ${h.kind}`;
  }
}

/**
 * The audit log as sentences an office worker reads ("Rina mengubah pengaturan duplicateWindowHours: 6 → 8"), with
 * the raw details still at hand for whoever needs them.
 */
import type { IncidentStatus } from '../../core/incident';
import type { AuditEntry } from '../../db/repos/audit-entries';
import { ROLE_LABELS, STATUS_LABELS } from '../labels';

type Obj = Record<string, unknown>;

/** A setting's value, short enough for one line. */
export function shortValue(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? '–');
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** How a report reached the staff member who typed it in (src/workspace/staff-report.ts's channels). */
const STAFF_CHANNEL_WORDS: Record<string, string> = { phone: 'telepon kantor', walk_in: 'warga yang datang langsung' };

const count = (v: unknown, noun: string) => (Array.isArray(v) ? `${v.length} ${noun}` : noun);

const CHANGE_WORDS: Record<string, string> = {
  status: 'status',
  assignment: 'petugas',
  'correction.category': 'kategori',
  'correction.priority': 'prioritas',
  'correction.location': 'lokasi',
  duplicate: 'keputusan duplikat',
};

function incidentChanges(d: Obj): string {
  const changes = Array.isArray(d.changes) ? (d.changes as Obj[]) : [];
  const parts = changes.map((c) =>
    c.kind === 'status'
      ? `status ${STATUS_LABELS[c.from as IncidentStatus] ?? c.from} → ${STATUS_LABELS[c.to as IncidentStatus] ?? c.to}`
      : (CHANGE_WORDS[String(c.kind)] ?? String(c.kind)),
  );
  return parts.length ? parts.join(', ') : 'data insiden';
}

/** One audit entry as a sentence; the actor is named separately in the table. */
export function auditSentence(a: AuditEntry): string {
  const d = a.details as Obj;
  switch (a.action) {
    case 'session.login':
      return 'Masuk ke ruang kerja';
    case 'session.logout':
      return 'Keluar dari ruang kerja';
    case 'identity.view':
      return `Melihat identitas pelapor (${count(d.incidentIds ?? d.rawMessageIds, 'data')})`;
    case 'incident.change':
      return `Mengubah ${incidentChanges(d)}`;
    case 'incident.note':
      return 'Menambahkan catatan internal';
    case 'incident.reply':
      return 'Mengirim balasan ke pelapor';
    case 'incident.merge':
      return `Menggabungkan insiden ke insiden nomor ${d.into}`;
    case 'incident.ack':
      return 'Menerima peringatan insiden';
    case 'incident.forward':
      return `Meneruskan insiden ke ${count(d.stakeholderIds, 'pemangku kepentingan')}${d.includeReporter ? ' dengan identitas pelapor' : ''}`;
    case 'incidents.export':
      return `Mengunduh daftar insiden (${String(d.format ?? 'csv').toUpperCase()}${d.identities ? ', dengan identitas pelapor' : ', identitas disamarkan'})`;
    case 'settings.change':
      return typeof d.key === 'string'
        ? `Mengubah pengaturan ${typeof d.label === 'string' ? d.label : d.key}: ${shortValue(d.from)} → ${shortValue(d.to)}`
        : `Mengubah pengaturan ${Array.isArray(d.keys) ? d.keys.join(', ') : ''}`;
    case 'stakeholder.create':
      return 'Menambahkan pemangku kepentingan';
    case 'stakeholder.change':
      return `Mengubah pemangku kepentingan (${Array.isArray(d.fields) ? d.fields.join(', ') : ''})`;
    case 'duty.create':
      return 'Menambahkan petugas siaga';
    case 'duty.change':
      return 'Mengubah petugas siaga';
    case 'duty.remove':
      return 'Menonaktifkan petugas siaga';
    case 'duty.exception':
      return `Mengatur pengecualian jadwal siaga tanggal ${d.date}`;
    case 'duty.exception.remove':
      return `Menghapus pengecualian jadwal siaga tanggal ${d.date}`;
    case 'dead_letter.retry':
      return `Mencoba lagi pekerjaan gagal ${d.id}`;
    case 'user.create':
      return `Membuat akun pengguna${d.role ? ` dengan peran ${ROLE_LABELS[String(d.role)] ?? d.role}` : ''}`;
    case 'user.update':
      return `Mengubah akun pengguna${d.role ? ` (peran ${ROLE_LABELS[String(d.role)] ?? d.role})` : ''}`;
    case 'user.disable':
      return 'Menonaktifkan akun pengguna';
    case 'user.enable':
      return 'Mengaktifkan kembali akun pengguna';
    case 'user.password':
      return `Mengganti kata sandi${d.sessionsEnded ? ` (${d.sessionsEnded} sesi lain diakhiri)` : ''}`;
    case 'token.create':
      return 'Membuat token API';
    case 'token.revoke':
      return 'Mencabut token API';
    case 'incident.create':
      return `Mencatat laporan dari ${STAFF_CHANNEL_WORDS[String(d.channel)] ?? 'petugas'}`;
    case 'incident.split':
      return `Memisahkan pesan menjadi insiden baru ${d.reference ?? ''}`.trimEnd();
    case 'message.to_incident':
      return 'Menjadikan pesan lain sebagai laporan';
    case 'reporter.create':
      return 'Mendaftarkan pelapor (ketua RT/RW)';
    case 'reporter.update':
      return d.active === false ? 'Menonaktifkan pelapor terdaftar' : 'Mengaktifkan kembali pelapor terdaftar';
    case 'reporter.sessions_revoke':
      return `Mengakhiri sesi aplikasi pelapor (${Number(d.sessionsRevoked ?? 0)} perangkat)`;
    case 'reporters.import':
      return `Mengimpor daftar pelapor (${Number(d.created ?? 0)} baru, ${Number(d.updated ?? 0)} diperbarui)`;
    case 'webhook.create':
      return `Menambahkan langganan webhook mitra (${count(d.events, 'jenis kejadian')})`;
    case 'webhook.change':
      return `Mengubah langganan webhook mitra (${Array.isArray(d.fields) ? d.fields.join(', ') : ''})`;
    case 'webhook.delete':
      return 'Menghapus langganan webhook mitra';
    case 'open311_key.create':
      return `Membuat kunci Open311 untuk ${typeof d.name === 'string' ? d.name : 'sistem mitra'}`;
    case 'open311_key.revoke':
      return 'Mencabut kunci Open311';
    default:
      return a.action;
  }
}

/** What staff read: statuses, priorities, channels and delivery states in Bahasa Indonesia. */
import { type IncidentStatus, STATUS_LABELS } from '../core/incident';
import type { Priority } from '../core/normalized-message';

export { STATUS_LABELS };

export const ROLE_LABELS: Record<string, string> = { admin: 'Admin', operator: 'Operator', viewer: 'Pemantau' };

/** The button that moves an incident to a status. */
export const STATUS_ACTIONS: Record<IncidentStatus, string> = {
  new: 'Buka kembali',
  verified: 'Verifikasi',
  in_progress: 'Mulai tangani',
  resolved: 'Tandai selesai',
  rejected: 'Tolak',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  urgent: 'Mendesak',
  high: 'Tinggi',
  normal: 'Normal',
  low: 'Rendah',
};

export const CHANNEL_LABELS: Record<string, string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Email',
  phone: 'Telepon',
  walk_in: 'Datang langsung',
  app: 'Aplikasi RT',
  open311: 'Open311 (mitra)',
};

export const DELIVERY_LABELS: Record<string, string> = {
  pending: 'menunggu dikirim',
  queued: 'dalam antrean',
  queued_for_gateway: 'menunggu gateway',
  sent: 'terkirim',
  delivered: 'diterima',
  read: 'dibaca',
  failed: 'gagal',
  undelivered: 'tidak sampai',
  blocked: 'diblokir',
};

const dateTime = (timeZone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mei 2025, 21.05" in the office's time zone. */
export function formatTime(iso: string | null, timeZone: string): string {
  return iso ? dateTime(timeZone).format(new Date(iso)) : '–';
}

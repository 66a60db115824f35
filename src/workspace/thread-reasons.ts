/**
 * What staff read beside a thread message: why it joined the incident and why no automatic answer went out. Plain
 * Bahasa Indonesia, and never an identity (a viewer reads them too).
 */
import type { JoinReason, UnansweredReason } from '../db/database';

const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'email' };

/** "7 menit", "3 jam", "2 hari". */
export function elapsed(minutes: number): string {
  if (minutes < 60) return `${minutes} menit`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} jam`;
  return `${Math.round(minutes / 1440)} hari`;
}

const BECAUSE: Record<JoinReason['by'], string> = {
  follow_up: 'pesan lanjutan dari pelapor yang sama',
  reference: 'menyebut kode laporan ini',
  email_reply: 'balasan email dalam percakapan ini',
  location: 'lokasi WhatsApp dari pelapor yang sama',
  status: 'pertanyaan status dari pelapor yang sama (tanpa kode)',
};

/** "pesan lanjutan dari pelapor yang sama, 7 menit setelah laporan (laporan lewat SMS, pesan ini lewat WhatsApp)". */
export function joinReasonText(reason: JoinReason, channel: string): string {
  const when = reason.minutes === undefined ? '' : `, ${elapsed(reason.minutes)} setelah laporan`;
  const across =
    reason.firstChannel && reason.firstChannel !== channel
      ? ` (laporan lewat ${CHANNEL_NAMES[reason.firstChannel] ?? reason.firstChannel}, pesan ini lewat ${CHANNEL_NAMES[channel] ?? channel})`
      : '';
  return `${BECAUSE[reason.by] ?? reason.by}${when}${across}`;
}

export const UNANSWERED_TEXTS: Record<UnansweredReason, string> = {
  reporter_cap:
    'Tidak dibalas otomatis: batas balasan otomatis per jam ke pengirim ini tercapai. Balas manual bila perlu.',
  question_cap:
    'Tidak dibalas otomatis: batas jawaban atas pertanyaan per jam ke pengirim ini tercapai. Balas manual bila perlu.',
  not_a_person: 'Tidak dibalas otomatis: pengirim bukan nomor atau alamat pribadi (operator, sistem, milis).',
  too_old: 'Tidak dibalas otomatis: pesan sudah terlalu lama ketika diproses.',
};

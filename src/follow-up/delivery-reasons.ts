/**
 * Why a message was not delivered, in words staff understand: the provider's error (stored on the outbox row as
 * `twilio error 63016: …`, or a transport's own message) turned into Bahasa Indonesia, with what to do about it.
 */

/** Twilio's error codes that staff meet when forwarding (https://www.twilio.com/docs/api/errors). */
const TWILIO_REASONS: Record<string, string> = {
  '63016':
    'WhatsApp menolak pesan bebas: penerima tidak mengirim pesan ke nomor kantor dalam 24 jam terakhir, dan belum ada templat WhatsApp yang disetujui untuk pesan ini.',
  '63003': 'Nomor tujuan tidak terdaftar di WhatsApp.',
  '63024': 'Penerima tidak bisa menerima pesan WhatsApp ini.',
  '63032': 'Penerima memblokir pesan WhatsApp dari nomor kantor.',
  '21211': 'Nomor tujuan tidak sah.',
  '21408': 'Pengiriman ke wilayah nomor tujuan tidak diizinkan di akun Twilio.',
  '21610': 'Penerima sudah berhenti berlangganan (membalas STOP).',
  '21614': 'Nomor tujuan bukan nomor ponsel, tidak bisa menerima SMS.',
  '30003': 'Ponsel tujuan tidak aktif atau di luar jangkauan.',
  '30004': 'Pesan diblokir oleh penerima atau operatornya.',
  '30005': 'Nomor tujuan tidak dikenal operator seluler.',
  '30006': 'Nomor tujuan adalah telepon rumah atau operator tidak bisa menerimanya.',
  '30007': 'Operator seluler menyaring pesan ini sebagai spam.',
  '30008': 'Operator seluler gagal mengirim tanpa menyebut alasan.',
};

/** The reason in Bahasa Indonesia, or null when the row has no error. */
export function deliveryReason(error: string | null | undefined): string | null {
  if (!error) return null;
  const twilio = /^twilio error (\d{5})/.exec(error);
  if (twilio) {
    return TWILIO_REASONS[twilio[1]!] ?? `Twilio menolak pengiriman (kode ${twilio[1]}).`;
  }
  if (/^twilio is not configured/.test(error)) return 'Twilio belum diatur di server (hubungi admin).';
  const transport = /^transport (\S+) is not configured/.exec(error);
  if (transport) return `Jalur pengiriman ${transport[1]} belum diatur di server (hubungi admin).`;
  return `Pengiriman gagal: ${error.slice(0, 200)}`;
}

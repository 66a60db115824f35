/** The thread text of a message recorded from its headers only (staff read Bahasa Indonesia). */

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 });

export function tooLargeText(size: number, cap?: number): string {
  const limit = cap ? `; batas ${mb(cap)} MB` : '';
  return `Pesan ini terlalu besar untuk diunduh (${mb(size)} MB${limit}). Hanya kepala surat (header) yang disimpan; buka kotak surat kantor untuk membaca isi dan lampirannya.`;
}

/** The SMS copy of a staff reply that an app reporter did not open in time: it names the report it answers. */
export function appReplySmsText(reference: string, text: string): string {
  return `Balasan laporan ${reference}: ${text} - Kesbangpol Kota Palopo`;
}

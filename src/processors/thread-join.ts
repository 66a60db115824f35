/**
 * Whether a message from a reporter with an open incident of the last hours belongs to that incident's thread
 * (more detail, victims, "polisi blm datang") or clearly reports something else: "laporan baru" and its kin,
 * another place, or another kind of event named with a strong signal.
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { IncidentRow, JoinReason } from '../db/database';
import { saysNewReport } from '../normalize/conversation-signals';

/**
 * The normalizer's confidence from which another category counts as "clearly something else". A follow-up's
 * passing word ("polisi blm datang": kriminalitas 0.28, "mereka bawa parang": 0.37) stays below it; a report told
 * on its own ("Ada kebakaran rumah warga di Kel. Amassangan": bencana 0.73) is above.
 */
export const OTHER_CATEGORY_CONFIDENCE = 0.6;

export function joinsThread(
  incident: Pick<IncidentRow, 'category' | 'kelurahan_code' | 'kecamatan_code'>,
  n: NormalizedMessage,
  text: string,
): boolean {
  // The opening of a long email says whether it is another report; the normalizer reads no further either.
  if (saysNewReport(text.slice(0, 20_000).toLowerCase())) return false;
  const place = n.location;
  if (place.kelurahanCode && incident.kelurahan_code && place.kelurahanCode !== incident.kelurahan_code) return false;
  if (!place.kelurahanCode && place.kecamatanCode && incident.kecamatan_code) {
    if (place.kecamatanCode !== incident.kecamatan_code) return false;
  }
  const otherCategory =
    n.category !== null &&
    n.category !== 'lainnya' &&
    n.category !== incident.category &&
    n.categoryConfidence >= OTHER_CATEGORY_CONFIDENCE;
  return !otherCategory;
}

/** Why the message joined, with the minutes since the incident's first message. */
export function joinReason(
  by: JoinReason['by'],
  incident: Pick<IncidentRow, 'received_at' | 'channel'>,
  receivedAt: string,
): JoinReason {
  const minutes = Math.max(0, Math.round((new Date(receivedAt).getTime() - incident.received_at.getTime()) / 60_000));
  return { by, minutes, firstChannel: incident.channel };
}

/** Shared setup for the normalizer tests: the real Palopo gazetteer from idn-area-data and a fixed clock. */
import type { NormalizedMessage, NormalizeInput } from '../../src/core/normalized-message';
import { type NormalizeContext, normalize } from '../../src/normalize';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';

export const PALOPO = loadGazetteer('73.73');
export const CTX: NormalizeContext = { gazetteer: PALOPO, timezone: 'Asia/Makassar' };
/** Friday 20 November 2026, 21:00 WITA. */
export const RECEIVED = '2026-11-20T13:00:00Z';

/** Normalizes an SMS (or another channel) with the fixed clock. */
export function sms(text: string, extra: Partial<NormalizeInput> = {}): NormalizedMessage {
  return normalize({ channel: 'sms', from: '081245678901', text, receivedAt: RECEIVED, ...extra }, CTX);
}

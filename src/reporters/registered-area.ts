/**
 * A registered reporter writes from where they serve: when their message names no kelurahan, their area fills the
 * location (on every channel). A place named in the text always wins; RT/RW named in the text are kept.
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import { findActiveReporterByPhone, findActiveReportersByPhones, type Reporter } from '../db/repos/reporters';

export function withReporterArea(n: NormalizedMessage, r: Reporter): NormalizedMessage {
  const reporter = { ...n.reporter, name: n.reporter.name ?? r.name };
  const loc = n.location;
  // The text names a place (or another kecamatan): it is about there, not about the reporter's own area.
  if (loc.kelurahanCode || (loc.kecamatanCode && loc.kecamatanCode !== r.kecamatanCode)) return { ...n, reporter };
  return {
    ...n,
    reporter,
    location: {
      ...loc,
      kecamatan: r.kecamatan,
      kecamatanCode: r.kecamatanCode,
      kelurahan: r.kelurahan,
      kelurahanCode: r.kelurahanCode,
      rt: loc.rt ?? r.rt,
      rw: loc.rw ?? r.rw,
    },
  };
}

/** The phone whose registered reporter's area may fill this reading's location, or null. */
function areaPhoneOf(n: NormalizedMessage): string | null {
  return n.reporter.phone && n.kind !== 'noise' && n.kind !== 'auto_reply' ? n.reporter.phone : null;
}

/** The normalizer's reading with the sender's registered area applied, when the sender is a registered reporter. */
export async function withRegisteredArea(db: DbOrTrx, n: NormalizedMessage): Promise<NormalizedMessage> {
  const phone = areaPhoneOf(n);
  const reporter = phone ? await findActiveReporterByPhone(db, phone) : undefined;
  return reporter ? withReporterArea(n, reporter) : n;
}

/** withRegisteredArea for many readings, with one look-up for all. */
export async function withRegisteredAreas(db: DbOrTrx, readings: NormalizedMessage[]): Promise<NormalizedMessage[]> {
  const phones = readings.map(areaPhoneOf);
  const reporters = await findActiveReportersByPhones(
    db,
    phones.filter((p): p is string => p !== null),
  );
  return readings.map((n, k) => {
    const reporter = phones[k] ? reporters.get(phones[k]) : undefined;
    return reporter ? withReporterArea(n, reporter) : n;
  });
}

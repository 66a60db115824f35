/**
 * How an Open311 service request is read: the client chose the service (the category) and the place, so the
 * normalizer reads the description for everything else (priority, title, kelurahan, time) and the request's own
 * fields win. It is always a report, and it never joins another thread by quoting a code.
 */
import type { NormalizedMessage } from '../../core/normalized-message';
import type { PreparedMessage } from '../../core/prepared-message';
import type { RawMessage } from '../../core/raw-message';
import { normalize } from '../../normalize';
import type { Gazetteer } from '../../normalize/gazetteer';
import { toE164 } from '../../shared/phone-number';
import type { Preparer } from '../registry';
import { isServiceCode, OPEN311_SERVICES } from './open311-services';

export function createOpen311Preparer(context: { gazetteer: () => Gazetteer; timezone: string }): Preparer {
  return async (raw: RawMessage): Promise<PreparedMessage> => {
    const p = raw.params ?? {};
    const description = raw.text ?? '';
    const address = p.address_string?.trim() || null;
    const input = {
      channel: raw.channel,
      from: raw.from,
      subject: null,
      // The address is read for the kelurahan and RT/RW like a place written in a message.
      text: address ? `${description}\nLokasi: ${address}` : description,
      receivedAt: raw.receivedAt,
      profileName: null,
      geo: raw.geo ?? null,
    };
    const n = normalize(input, { gazetteer: context.gazetteer(), timezone: context.timezone });
    const category = isServiceCode(p.service_code) ? p.service_code : n.category;
    const name =
      [p.first_name, p.last_name]
        .filter((s) => s?.trim())
        .join(' ')
        .trim() || null;
    const normalized: NormalizedMessage = {
      ...n,
      kind: 'report',
      category,
      categoryConfidence: 1,
      title: n.title || OPEN311_SERVICES.find((s) => s.service_code === category)?.service_name || 'Laporan Open311',
      location: {
        ...n.location,
        text: address ?? n.location.text,
        latitude: raw.geo?.latitude ?? null,
        longitude: raw.geo?.longitude ?? null,
      },
      reporter: { name, phone: toE164(p.phone ?? null), email: p.email?.trim().toLowerCase() || null },
      referenceCodes: [],
    };
    return { input, body: description, html: null, attachments: [], normalized };
  };
}

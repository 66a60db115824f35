/**
 * The app channel's reader: the text as typed, the photos stored when the report was posted, and the normalizer's
 * reading with the form's choices applied (category, "mendesak", time).
 */
import type { NormalizeInput } from '../../core/normalized-message';
import type { PreparedMessage } from '../../core/prepared-message';
import { UnreadableMessageError } from '../../core/prepared-message';
import type { DbOrTrx } from '../../db/connection';
import { readAppPhotos } from '../../db/repos/app-photos';
import { normalize } from '../../normalize';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { applyReportForm } from '../../reporters/app-report-form';
import type { Preparer } from '../registry';

const PHOTO_URL = /^app-photo:(\d{1,18})$/;

export function createAppPreparer(deps: { db: DbOrTrx; regionCode: string; timezone: string }): Preparer {
  return async (raw): Promise<PreparedMessage> => {
    if (!raw.text) throw new UnreadableMessageError('app report without text');
    const input: NormalizeInput = {
      channel: 'app',
      from: raw.from,
      text: raw.text,
      receivedAt: raw.receivedAt,
      profileName: raw.profileName ?? null,
      geo: raw.geo ?? null,
    };
    const reading = normalize(input, { gazetteer: loadGazetteer(deps.regionCode), timezone: deps.timezone });
    const ids = (raw.media ?? []).flatMap((m) => PHOTO_URL.exec(m.url)?.[1] ?? []);
    const photos = await readAppPhotos(deps.db, ids);
    return {
      input,
      body: raw.text,
      html: null,
      attachments: photos.map((p, i) => ({
        filename: `foto-${i + 1}.${p.contentType.split('/')[1] === 'jpeg' ? 'jpg' : p.contentType.split('/')[1]}`,
        contentType: p.contentType,
        size: p.content.length,
        content: p.content,
      })),
      normalized: applyReportForm(reading, raw.params),
    };
  };
}

/** app_photos (sql/015): photos posted with an app report, kept until its preparer reads them into attachments. */
import type { DbOrTrx } from '../connection';

export interface AppPhoto {
  contentType: string;
  content: Buffer;
}

/** Stores a report's photos; a retried upload of the same report stores nothing twice. Returns the ids in order. */
export async function storeAppPhotos(
  db: DbOrTrx,
  reporterId: string,
  clientId: string,
  photos: AppPhoto[],
): Promise<string[]> {
  if (photos.length === 0) return [];
  await db
    .insertInto('app_photos')
    .values(
      photos.map((p, position) => ({
        reporter_id: reporterId,
        client_id: clientId,
        position,
        content_type: p.contentType,
        content: p.content,
      })),
    )
    .onConflict((oc) => oc.columns(['reporter_id', 'client_id', 'position']).doNothing())
    .execute();
  const rows = await db
    .selectFrom('app_photos')
    .select('id')
    .where('reporter_id', '=', reporterId)
    .where('client_id', '=', clientId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

export async function readAppPhotos(db: DbOrTrx, ids: string[]): Promise<(AppPhoto & { id: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('app_photos')
    .select(['id', 'content_type', 'content'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, contentType: r.content_type, content: r.content }] : [];
  });
}

/**
 * `halo import`'s pipeline: mail files → RawMessages (provider 'import', the same identity IMAP gives) → the
 * inbound queue, in batches. Importing twice, or importing what IMAP already fetched, creates nothing new: the
 * job ids and raw_messages' unique key meet on the Message-ID (or the source's hash).
 */
import type { RawMessage } from '../../core/raw-message';
import type { Queues } from '../../queues/queues';
import { headerBlockOf } from './email-headers';
import { mailFiles, readMessages } from './mbox-reader';
import { buildRawEmail } from './raw-email';

export interface ImportProgress {
  files: number;
  messages: number;
}

/**
 * Queues every message under `target`; returns the identities queued (in order, without repeats) and those that
 * were already stored when their batch was queued. The check comes before the batch is queued: checked after, a
 * worker that is already running could have stored some of them meanwhile and they would count as stored before.
 */
export async function queueMailImport(
  target: string,
  deps: {
    queues: Pick<Queues, 'addInboundBulk'>;
    maxEmailBytes: number;
    storedIds: (externalIds: string[]) => Promise<Set<string>>;
  },
  onProgress?: (p: ImportProgress) => void,
): Promise<{ files: number; externalIds: string[]; alreadyStored: number }> {
  const files = mailFiles(target);
  const ids = new Set<string>();
  let alreadyStored = 0;
  let batch: RawMessage[] = [];
  let count = 0;
  const flush = async () => {
    const unseen = [...new Set(batch.map((r) => r.externalId))].filter((id) => !ids.has(id));
    alreadyStored += (await deps.storedIds(unseen)).size;
    for (const id of unseen) ids.add(id);
    await deps.queues.addInboundBulk(batch);
    batch = [];
  };
  for (const [index, file] of files.entries()) {
    for await (const source of readMessages(file)) {
      const raw =
        source.length > deps.maxEmailBytes
          ? buildRawEmail({ provider: 'import', source: headerBlockOf(source), tooLarge: { size: source.length } })
          : buildRawEmail({ provider: 'import', source });
      batch.push(raw);
      count += 1;
      if (batch.length >= 100) await flush();
      onProgress?.({ files: index, messages: count });
    }
    onProgress?.({ files: index + 1, messages: count });
  }
  if (batch.length > 0) await flush();
  return { files: files.length, externalIds: [...ids], alreadyStored };
}

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

/** Queues every message under `target`; returns the identities queued (in order, without repeats). */
export async function queueMailImport(
  target: string,
  deps: { queues: Pick<Queues, 'addInboundBulk'>; maxEmailBytes: number },
  onProgress?: (p: ImportProgress) => void,
): Promise<{ files: number; externalIds: string[] }> {
  const files = mailFiles(target);
  const ids = new Set<string>();
  let batch: RawMessage[] = [];
  let count = 0;
  const flush = async () => {
    await deps.queues.addInboundBulk(batch);
    batch = [];
  };
  for (const [index, file] of files.entries()) {
    for await (const source of readMessages(file)) {
      const raw =
        source.length > deps.maxEmailBytes
          ? buildRawEmail({ provider: 'import', source: headerBlockOf(source), tooLarge: { size: source.length } })
          : buildRawEmail({ provider: 'import', source });
      ids.add(raw.externalId);
      batch.push(raw);
      count += 1;
      if (batch.length >= 100) await flush();
      onProgress?.({ files: index, messages: count });
    }
    onProgress?.({ files: index + 1, messages: count });
  }
  if (batch.length > 0) await flush();
  return { files: files.length, externalIds: [...ids] };
}

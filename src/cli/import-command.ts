/**
 * `halo import PATH [--no-wait]`: ingests a .mbox, a .eml or a folder of them through the same pipeline as IMAP.
 * Unless --no-wait, it runs the inbound worker in-process until its messages are stored, so it works with or
 * without a running service (both workers are idempotent). Summary on stdout, progress bar on a terminal (stderr).
 */
import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { queueMailImport } from '../channels/email/mail-import';
import { storedEmailIds } from '../db/repos/mailbox-state';
import { emailStateCounts } from '../db/repos/raw-message-scans';
import { type CliServices, openCliServices } from './cli-services';
import { startInProcessWorker } from './in-process-worker';

export interface ImportSummary {
  files: number;
  messages: number;
  alreadyStored: number;
  processed: number;
  unreadable: number;
  pending: number;
}

export async function run(args: string[]): Promise<number> {
  const wait = !args.includes('--no-wait');
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    process.stderr.write('usage: halo import PATH [--no-wait]   (PATH: a .mbox, a .eml or a folder of them)\n');
    return 2;
  }
  if (!existsSync(target)) {
    process.stderr.write(`halo import: import-not-found: ${target} does not exist\n`);
    return 2;
  }
  const services = await openCliServices();
  try {
    const summary = await importMail(services, target, { wait, progress: process.stderr.isTTY === true });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (summary.pending > 0) {
      process.stderr.write(
        `halo import: ${summary.pending} message(s) still queued (retrying or --no-wait); a running service finishes them\n`,
      );
    }
    return summary.pending > 0 && wait ? 1 : 0;
  } finally {
    await services.close();
  }
}

/** Queues the messages under `target`, and (wait) processes them in-process until each is stored. */
export async function importMail(
  services: CliServices,
  target: string,
  options: { wait: boolean; progress?: boolean; timeoutMs?: number },
): Promise<ImportSummary> {
  const { config, queues, db } = services;
  const bar = options.progress
    ? new SingleBar({ format: 'import {bar} {value}/{total} {stage}', stream: process.stderr })
    : null;
  bar?.start(0, 0, { stage: 'reading' });
  const { files, externalIds, alreadyStored } = await queueMailImport(
    target,
    { queues, maxEmailBytes: config.MAX_EMAIL_BYTES, storedIds: (ids) => storedEmailIds(db, ids) },
    (p) => {
      bar?.setTotal(p.messages);
      bar?.update(p.messages, { stage: 'reading' });
    },
  );
  const summary: ImportSummary = {
    files,
    messages: externalIds.length,
    alreadyStored,
    processed: 0,
    unreadable: 0,
    pending: 0,
  };
  const inProcess = options.wait ? startInProcessWorker(services) : null;
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 24 * 3600_000);
    bar?.update(0, { stage: 'storing' });
    for (;;) {
      const states = await storedStates(db, externalIds);
      summary.processed = states.processed;
      summary.unreadable = states.unreadable;
      summary.pending = externalIds.length - states.processed - states.unreadable;
      bar?.update(externalIds.length - summary.pending, { stage: 'storing' });
      if (!options.wait || summary.pending === 0) break;
      // Jobs that keep failing wait for their retries in the queue; the command does not wait an hour for them.
      const counts = await queues.inbound.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).every((n) => n === 0) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    bar?.stop();
    await inProcess?.close();
  }
  return summary;
}

async function storedStates(db: CliServices['db'], ids: string[]): Promise<{ processed: number; unreadable: number }> {
  let processed = 0;
  let unreadable = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await emailStateCounts(db, ids.slice(i, i + 1000));
    for (const r of rows) {
      if (r.state === 'processed') processed += Number(r.n);
      if (r.state === 'unreadable') unreadable += Number(r.n);
    }
  }
  return { processed, unreadable };
}

/**
 * Processes inbound jobs in this process until the given jobs are done (`halo replay`). Jobs are removed on
 * completion; a job that is gone is done.
 */
import type { CliServices } from './cli-services';
import { startInProcessWorker } from './in-process-worker';

export async function drainInboundJobs(
  services: CliServices,
  jobIds: string[],
  onProgress: (done: number) => void = () => {},
): Promise<{ failed: string[] }> {
  const inProcess = startInProcessWorker(services, 8);
  try {
    let pending = [...jobIds];
    const failed: string[] = [];
    while (pending.length > 0) {
      const still: string[] = [];
      for (const id of pending) {
        const job = await services.queues.inbound.getJob(id);
        if (!job) continue;
        const state = await job.getState();
        if (state === 'failed') failed.push(id);
        else if (state !== 'completed') still.push(id);
      }
      pending = still;
      onProgress(jobIds.length - pending.length);
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    return { failed };
  } finally {
    await inProcess.close();
  }
}

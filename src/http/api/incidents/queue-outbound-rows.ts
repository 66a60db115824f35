/** Queues outbox rows an incident action committed (alerts after a change, the acknowledgement of a split). */
import type { AppDeps } from '../../../app-deps/app-deps';

/** A row left 'pending' is queued by the outbox sweeper once Redis answers again. */
export async function queueOutboundRows(deps: AppDeps, ids: string[]): Promise<void> {
  for (const id of ids) {
    await deps.queues.addOutbound(id).catch((err: Error) => {
      deps.logger.warn({ outboundId: id, err: { message: err.message } }, 'outbound row not queued yet');
    });
  }
}

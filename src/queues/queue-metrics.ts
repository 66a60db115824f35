/** Fills the queue gauges at scrape time: depth by state and the age of the oldest waiting job. */
import type { Queue } from 'bullmq';
import type { Metrics } from '../metrics';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export async function collectQueueMetrics(metrics: Metrics, queues: Record<string, Queue>): Promise<void> {
  await Promise.all(
    Object.entries(queues).map(async ([name, queue]) => {
      const counts = await queue.getJobCounts(...STATES);
      for (const state of STATES) metrics.queueDepth.set({ queue: name, state }, counts[state] ?? 0);
      const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
      metrics.queueOldestAge.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
    }),
  );
}

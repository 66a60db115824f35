/**
 * The end of every fault test: count what was stored and compare it, exactly, with what was sent. A message lost
 * shows as a missing raw row or incident, a message doubled as an extra incident, thread message or answer.
 */
import { type Queue, QueueEvents } from 'bullmq';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection';
import { createWorkerConnection, type RedisTarget } from '../../src/queues/redis-connections';
import { waitFor } from '../helpers/wait-for';
import { expectedKinds, type SeededMessage } from './seeded-messages';

export interface StoredCounts {
  rawMessages: number;
  /** raw_messages by state: everything must end `processed` (or `unreadable`), never stay `received`. */
  byState: Record<string, number>;
  /** processed raw messages by the kind the worker found. */
  byKind: Record<string, number>;
  incidents: number;
  threadMessages: number;
  acks: number;
  statusAnswers: number;
  /** raw messages with more than one incident, thread message or answer of a purpose. */
  doubled: number;
}

const countBy = async (db: Db, column: 'state' | 'kind'): Promise<Record<string, number>> => {
  const rows = await db
    .selectFrom('raw_messages')
    .select([column, (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(column)
    .execute();
  return Object.fromEntries(rows.map((r) => [String(r[column]), Number(r.n)]));
};

const countOf = async (db: Db, query: ReturnType<typeof sql<{ n: string }>>): Promise<number> =>
  Number((await query.execute(db)).rows[0]?.n ?? 0);

/** What the database holds now. */
export async function storedCounts(db: Db): Promise<StoredCounts> {
  const [rawMessages, incidents, threadMessages, acks, statusAnswers, doubled] = await Promise.all([
    countOf(db, sql`select count(*) as n from raw_messages`),
    countOf(db, sql`select count(*) as n from incidents`),
    countOf(db, sql`select count(*) as n from incident_messages`),
    countOf(db, sql`select count(*) as n from outbound_messages where purpose = 'ack'`),
    countOf(db, sql`select count(*) as n from outbound_messages where purpose = 'status_answer'`),
    countOf(
      db,
      sql`select count(*) as n from (
        select first_raw_message_id as id from incidents group by 1 having count(*) > 1
        union all select raw_message_id from incident_messages group by 1 having count(*) > 1
        union all select raw_message_id from outbound_messages group by raw_message_id, purpose having count(*) > 1
      ) d`,
    ),
  ]);
  return {
    rawMessages,
    byState: await countBy(db, 'state'),
    byKind: await countBy(db, 'kind'),
    incidents,
    threadMessages,
    acks,
    statusAnswers,
    doubled,
  };
}

/** What the database must hold for these messages, each stored once (reports acknowledged, questions answered). */
export function expectedCounts(messages: SeededMessage[]): StoredCounts {
  const kinds = expectedKinds(messages);
  const byKind = Object.fromEntries(Object.entries(kinds).filter(([, n]) => n > 0));
  return {
    rawMessages: messages.length,
    byState: { processed: messages.length },
    byKind,
    incidents: kinds.report,
    threadMessages: kinds.report,
    acks: kinds.report,
    statusAnswers: kinds.status_query,
    doubled: 0,
  };
}

/** Jobs in every state but completed (completed ones are removed): all must be zero at the end. */
export async function leftoverJobs(queue: Queue): Promise<Record<string, number>> {
  return queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children');
}

export const NO_LEFTOVERS = {
  waiting: 0,
  active: 0,
  delayed: 0,
  failed: 0,
  prioritized: 0,
  'waiting-children': 0,
};

/** The external ids stored, to compare with those sent. */
export async function storedExternalIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('raw_messages').select('external_id').orderBy('external_id').execute();
  return rows.map((r) => r.external_id);
}

/** Counts of processed raw messages, for waiting on progress. */
export async function processedCount(db: Db): Promise<number> {
  return countOf(db, sql`select count(*) as n from raw_messages where state <> 'received'`);
}

/** Whether nothing is waiting, active or delayed (failed jobs stay and are counted by the caller). */
export async function drained(queue: Queue): Promise<boolean> {
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).every((n) => n === 0);
}

/**
 * Waits until the queue is drained; on timeout the error says how far it got (job counts, messages processed), so
 * that a slow machine and a stuck queue can be told apart.
 */
export async function waitDrained(queue: Queue, db: Db, timeoutMs: number): Promise<void> {
  try {
    await waitFor(() => drained(queue), { timeoutMs, intervalMs: 500, what: 'queue drained' });
  } catch (err) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    throw new Error(`${(err as Error).message}; jobs ${JSON.stringify(counts)}, processed ${await processedCount(db)}`);
  }
}

/** Counts BullMQ's `stalled` events of a queue from now on: a stalled job is one taken back from a dead worker. */
export function countStalled(queue: Queue, redis: RedisTarget): { count: () => number; close: () => Promise<void> } {
  let stalled = 0;
  const connection = createWorkerConnection(redis);
  const events = new QueueEvents(queue.name, { connection, prefix: queue.opts.prefix });
  events.on('stalled', () => {
    stalled++;
  });
  events.on('error', () => {});
  return {
    count: () => stalled,
    async close() {
      await events.close();
      connection.disconnect();
    },
  };
}

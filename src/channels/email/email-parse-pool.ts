/**
 * Email is parsed off the main thread. mailparser's HTML-to-text and the HTML sanitizer are synchronous: a body of
 * 200,000 links or 50,000 nested <div>s holds the thread for seconds, and in the all-in-one process that thread also
 * answers webhooks. Here each message is prepared in a worker thread with a time limit: a thread that overruns is
 * terminated (the only way to stop synchronous code), the message becomes unreadable (kept raw, shown to staff with
 * the reason), and a fresh thread takes the next message.
 *
 * Written here rather than taken from piscina: we need one message per thread, a hard kill at the deadline counted
 * from when the thread starts on the message (not from queueing), a heap cap, and a thread file that loads the same
 * way under tsx, jest's SWC transform and the compiled build; a pool that small is clearer written out.
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type PreparedMessage, UnreadableMessageError } from '../../core/prepared-message';
import type { RawMessage } from '../../core/raw-message';
import type { ParseAnswer, ParseRequest, ThreadNormalizeContext } from './email-parse-thread';
import type { AttachmentCaps } from './email-preparer';

/** How long one message may take to parse (ARCHITECTURE: hostile mail is parsed or rejected within 2 s). */
export const EMAIL_PARSE_TIMEOUT_MS = 2000;
/** A parse thread's heap: a message that needs more is unreadable, and the service's own heap is untouched. */
const THREAD_HEAP_MB = 768;

export interface EmailParsePool {
  /** Parses (and, given `normalize`, normalizes) one message in a thread. */
  prepare(raw: RawMessage, caps: AttachmentCaps, normalize?: ThreadNormalizeContext): Promise<PreparedMessage>;
  /** Stops the threads; messages still waiting are refused (their jobs retry elsewhere). */
  close(): Promise<void>;
}

export interface EmailParsePoolOptions {
  threads?: number;
  timeoutMs?: number;
}

interface Task {
  request: Omit<ParseRequest, 'id'>;
  resolve(result: PreparedMessage): void;
  reject(err: Error): void;
}

interface ParseThread {
  worker: Worker;
  ready: Promise<void>;
}

export function createEmailParsePool(options: EmailParsePoolOptions = {}): EmailParsePool {
  const size = options.threads ?? Math.min(2, availableParallelism());
  const timeoutMs = options.timeoutMs ?? EMAIL_PARSE_TIMEOUT_MS;
  const waiting: Task[] = [];
  const idle: ParseThread[] = [];
  const live = new Set<ParseThread>();
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (waiting.length > 0 && !closed) {
      const thread = idle.pop() ?? (live.size < size ? spawnThread() : null);
      if (!thread) return;
      void run(thread, waiting.shift() as Task);
    }
  };

  const forget = (thread: ParseThread) => {
    live.delete(thread);
    const i = idle.indexOf(thread);
    if (i >= 0) idle.splice(i, 1);
  };
  const retire = (thread: ParseThread) => {
    forget(thread);
    void thread.worker.terminate();
  };
  const spawnThread = (): ParseThread => {
    const thread = startThread();
    // A thread that dies between messages leaves the pool; an 'error' with no listener would take the process down.
    thread.worker.on('error', () => {}).on('exit', () => forget(thread));
    live.add(thread);
    return thread;
  };

  const run = async (thread: ParseThread, task: Task) => {
    thread.worker.ref(); // a message in progress keeps the process alive; an idle thread does not
    try {
      await thread.ready;
    } catch (err) {
      retire(thread);
      task.reject(new Error(`email parse thread did not start: ${(err as Error).message}`));
      dispatch();
      return;
    }
    const id = nextId++;
    const settle = (outcome: { result: PreparedMessage } | { error: Error }, healthy: boolean) => {
      clearTimeout(timer);
      thread.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy && !closed) {
        thread.worker.unref();
        idle.push(thread);
      } else retire(thread);
      if ('result' in outcome) task.resolve(outcome.result);
      else task.reject(outcome.error);
      dispatch();
    };
    const onMessage = (answer: ParseAnswer) => {
      if (answer.id !== id) return;
      if ('result' in answer) settle({ result: withBuffers(answer.result) }, true);
      else {
        const { message, unreadable } = answer.error;
        settle({ error: unreadable ? new UnreadableMessageError(message) : new Error(message) }, true);
      }
    };
    // A thread stopped by close() says nothing about the message: its job is retried, not marked unreadable.
    const crashed = (reason: string) =>
      settle({ error: closed ? new Error('email parse pool is closed') : new UnreadableMessageError(reason) }, false);
    const onError = (err: Error) => crashed(`email-parse-crashed: ${err.message}`);
    const onExit = (code: number) => crashed(`email-parse-crashed: the parse thread exited (${code})`);
    const timer = setTimeout(
      () =>
        settle(
          { error: new UnreadableMessageError(`email-parse-timeout: parsing took longer than ${timeoutMs} ms`) },
          false,
        ),
      timeoutMs,
    );
    thread.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    thread.worker.postMessage({ id, ...task.request } satisfies ParseRequest);
  };

  return {
    prepare(raw, caps, normalize) {
      if (closed) return Promise.reject(new Error('email parse pool is closed'));
      return new Promise<PreparedMessage>((resolve, reject) => {
        waiting.push({ request: { raw, caps, ...(normalize ? { normalize } : {}) }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.reject(new Error('email parse pool is closed'));
      idle.length = 0;
      await Promise.all([...live].map((t) => t.worker.terminate()));
      live.clear();
    },
  };
}

/**
 * The thread's file in this runtime's form: TypeScript under tsx and jest (loaded through tsx's require hook),
 * JavaScript in the build.
 */
function threadSource(): string {
  const ext = extname(__filename);
  const file = JSON.stringify(join(__dirname, `email-parse-thread${ext}`));
  const hook = ext === '.ts' ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});` : '';
  return `${hook}require(${file});`;
}

function startThread(): ParseThread {
  const worker = new Worker(threadSource(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`exited with code ${code}`));
    worker.once('error', reject).once('exit', onExit);
    worker.once('message', (m) => {
      worker.off('error', reject).off('exit', onExit);
      if (m === 'ready') resolve();
      else reject(new Error('unexpected first message'));
    });
  });
  ready.catch(() => {}); // awaited by the task that uses the thread
  return { worker, ready };
}

/** Attachment bytes cross the thread boundary as Uint8Array; the rest of the service expects Buffers. */
function withBuffers(result: PreparedMessage): PreparedMessage {
  return {
    ...result,
    attachments: result.attachments.map((a) => ({
      ...a,
      content: a.content ? Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) : null,
    })),
  };
}

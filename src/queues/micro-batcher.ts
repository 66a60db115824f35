/**
 * Gathers items handed in one by one (the jobs a BullMQ worker runs concurrently) into batches: a batch leaves when
 * it holds `maxSize` items or `flushMs` after its first item, and at most `maxInFlight` batches run at once (the
 * rest wait, still gathering). Each item's promise settles with its own result once its batch has run.
 */
export interface MicroBatcherOptions {
  maxSize: number;
  flushMs: number;
  maxInFlight: number;
}

/** Runs one batch; returns one settled result per item, in the order given. */
export type BatchRunner<T, R> = (items: T[]) => Promise<PromiseSettledResult<R>[]>;

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

export class MicroBatcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly run: BatchRunner<T, R>,
    private readonly options: MicroBatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.flushMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxSize);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        // What gathered while every slot was busy has waited long enough.
        if (this.waiting.length > 0) this.flush();
      });
    }
  }

  private async runBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const r = results[i];
        if (r?.status === 'fulfilled') w.resolve(r.value);
        else w.reject(r ? r.reason : new Error('batch_result_missing: the batch returned no result for this item'));
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}

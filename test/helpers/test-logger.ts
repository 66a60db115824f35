/** A logger for tests that keeps every line, so tests can assert what was (and was not) logged. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', sink as unknown as Parameters<typeof createLogger>[1]), lines };
}

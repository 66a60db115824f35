/**
 * Reads mail files for `halo import`: a .mbox (split on "From " lines that follow an empty line or start the file,
 * ">From " unquoted one level, as mboxrd writes it), a single .eml, or a folder of them, streaming byte by byte
 * so that an 8-bit message in any charset arrives exactly as it was written.
 */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files of a path: the file itself, or every .eml / .mbox under a folder (sorted, recursively). */
export function mailFiles(target: string): string[] {
  const stat = statSync(target);
  if (stat.isFile()) return [target];
  const out: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...mailFiles(full));
    else if (/\.(eml|mbox|mbx)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** Whether a file is an mbox: by name, or because it starts with a "From " line. */
export function isMbox(file: string): boolean {
  if (/\.(mbox|mbx)$/i.test(file)) return true;
  if (/\.eml$/i.test(file)) return false;
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === 'From ';
}

/** The messages of one file. */
export async function* readMessages(file: string): AsyncGenerator<Buffer> {
  if (!isMbox(file)) {
    yield readFileSync(file);
    return;
  }
  yield* splitMbox(createReadStream(file));
}

/** Splits an mbox stream into messages (the From_ separator line dropped, ">From " unquoted). */
export async function* splitMbox(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let lines: Buffer[] = [];
  let rest: Buffer = Buffer.alloc(0);
  let previousBlank = true;
  let started = false;
  const finish = (): Buffer | null => {
    // The blank line before the next From_ belongs to the separator, not to the message.
    if (lines.length > 0 && isBlank(lines[lines.length - 1]!)) lines.pop();
    const message = lines.length > 0 ? Buffer.concat(lines) : null;
    lines = [];
    return message;
  };
  const take = function* (line: Buffer): Generator<Buffer> {
    if (previousBlank && line.subarray(0, 5).toString('latin1') === 'From ') {
      if (started) {
        const m = finish();
        if (m) yield m;
      }
      started = true;
      previousBlank = false;
      return;
    }
    previousBlank = isBlank(line);
    if (!started) return; // junk before the first From_ line
    lines.push(/^>+From /.test(line.subarray(0, 80).toString('latin1')) ? line.subarray(1) : line);
  };
  for await (const chunk of stream) {
    const buf = Buffer.concat([rest, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      yield* take(buf.subarray(start, nl + 1));
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length > 0) yield* take(rest);
  const last = finish();
  if (last) yield last;
}

function isBlank(line: Buffer): boolean {
  return (
    line.length === 0 ||
    (line.length === 1 && line[0] === 0x0a) ||
    (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a)
  );
}

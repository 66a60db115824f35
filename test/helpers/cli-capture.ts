/** Runs a `halo` command's `run(args)` in-process with stdout and stderr captured (quicker than a child process). */

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCaptured(command: (args: string[]) => Promise<number>, args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const write = (sink: string[]) => (chunk: string | Uint8Array) => {
    sink.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(write(out));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(write(err));
  try {
    const status = await command(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

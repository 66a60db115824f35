/** Runs an in-process CLI command with stdout and stderr captured, as the `halo` entry point would print them. */
export async function runCaptured(
  command: (args: string[]) => Promise<number>,
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
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

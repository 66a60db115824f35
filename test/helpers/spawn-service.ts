/** Runs a real entry point (`npm start`'s workers/all.ts, or the `halo` CLI) through tsx as a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface SpawnedService {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `args` go to the entry point; `nodeArgs` before the loader (the benchmarks pass `--cpu-prof`, which NODE_OPTIONS does not allow). */
export function spawnService(
  env: Record<string, string>,
  entry = 'workers/all.ts',
  args: string[] = [],
  nodeArgs: string[] = [],
): SpawnedService {
  let out = '';
  let err = '';
  // node with tsx's loader in one process (the tsx binary would add a parent process that SIGKILL leaves behind).
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    // A clean environment: nothing from the developer's shell or .env decides the outcome.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HALO_ENV_FILE: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

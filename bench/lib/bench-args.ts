/** Command-line flags of the workload scripts: `--name value` or `--flag`. */

/** A numeric flag, or the fallback when absent. */
export function numberArg(name: string, fallback: number, argv = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`bench: --${name} needs a number`);
  return value;
}

/** A comma-separated list of numbers (`--concurrency 4,8,16`). */
export function numberListArg(name: string, fallback: number[], argv = process.argv): number[] {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const text = String(argv[i + 1] ?? '').trim();
  if (text === '' || text.startsWith('--')) return []; // `--sweep ''`: none
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`bench: --${name} needs numbers`);
  return values;
}

export function flagArg(name: string, argv = process.argv): boolean {
  return argv.includes(`--${name}`);
}

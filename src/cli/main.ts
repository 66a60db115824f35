/**
 * `halo`: the operator CLI. Data goes to stdout, logs to stderr.
 * Each command lives in its own module and is loaded only when called, so `halo normalize` needs no database.
 */
import { describeStartupError } from '../runtime/startup-errors';

type CommandModule = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  migrate: { summary: 'apply pending migrations and exit', load: () => import('./migrate-command') },
  normalize: { summary: 'JSON lines in (stdin), normalized JSON lines out', load: () => import('./normalize-command') },
  replay: {
    summary: 're-run normalization over stored messages [--since DATE] [--no-wait]',
    load: () => import('./replay-command'),
  },
  'dead-letters': {
    summary: 'list jobs that failed for good [--retry ID | --retry-all]',
    load: () => import('./dead-letters-command'),
  },
  user: { summary: 'user add --email E --role R [--name N] (password on stdin)', load: () => import('./user-command') },
  duty: {
    summary:
      'duty add --name N (--phone P | --email E) [--channel C] [--days 1-5] [--from HH:MM --to HH:MM] | duty list',
    load: () => import('./duty-command'),
  },
  token: { summary: 'token add --email E [--name N]: prints an API token once', load: () => import('./token-command') },
  import: {
    summary: 'PATH [--no-wait]: ingest a .mbox, .eml or folder of them (idempotent)',
    load: () => import('./import-command'),
  },
  learn: {
    summary: '[--json] [--last]: where the rules disagree with staff corrections, most frequent words first',
    load: () => import('./learn-command'),
  },
  reconcile: {
    summary: '[--all]: queue mail in the mailboxes that was never stored',
    load: () => import('./reconcile-command'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return `usage: halo <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`halo: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${describeStartupError(err)}\n`);
    process.exitCode = 1;
  },
);

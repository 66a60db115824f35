/**
 * `halo`: the operator CLI. Data goes to stdout, logs to stderr.
 * Each command lives in its own module and is loaded only when called, so `halo normalize` needs no database.
 */
type CommandModule = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  normalize: { summary: 'JSON lines in (stdin), normalized JSON lines out', load: () => import('./normalize-command') },
  import: {
    summary: 'PATH [--no-wait]: ingest a .mbox, .eml or folder of them (idempotent)',
    load: () => import('./import-command'),
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
    process.stderr.write(`halo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

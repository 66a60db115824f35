/**
 * `halo duty add --name N (--phone P | --email E) [--whatsapp W] [--channel sms|whatsapp|email] [--days 1-5]
 * [--from HH:MM --to HH:MM]` puts a person at the end of the on-duty roster (the escalation order);
 * `halo duty list` prints the roster, one JSON line per person, in escalation order.
 */
import { parseArgs } from 'node:util';
import { writeAudit } from '../db/repos/audit-log';
import { insertDuty, listDuty } from '../db/repos/duty-roster';
import { parseDutyInput } from '../follow-up/duty-input';
import { withDatabase } from './cli-database';

const USAGE =
  'usage: halo duty add --name N (--phone P | --email E) [--whatsapp W] [--channel sms|whatsapp|email] [--days 1-5] [--from HH:MM --to HH:MM]\n' +
  '       halo duty list\n';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const roster = await withDatabase((db) => listDuty(db));
    for (const p of roster) process.stdout.write(`${JSON.stringify(p)}\n`);
    return 0;
  }
  if (sub !== 'add') {
    process.stderr.write(USAGE);
    return 2;
  }
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: Object.fromEntries(
        ['name', 'phone', 'whatsapp', 'email', 'channel', 'days', 'from', 'to'].map((k) => [k, { type: 'string' }]),
      ) as Record<string, { type: 'string' }>,
    }).values as Record<string, string | undefined>;
  } catch (err) {
    process.stderr.write(`halo duty: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.phone && !values.email && !values.whatsapp) {
    process.stderr.write(`halo duty: --phone or --email is required\n${USAGE}`);
    return 2;
  }
  const parsed = parseDutyInput(values);
  if (!parsed.ok) {
    process.stderr.write(`halo duty: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const entry = await withDatabase(async (db) => {
    const id = await insertDuty(db, parsed.entry);
    await writeAudit(db, { userId: null, action: 'duty.create', details: { rosterId: id, via: 'cli' } });
    return (await listDuty(db)).find((p) => p.id === id);
  });
  process.stdout.write(`${JSON.stringify(entry)}\n`);
  return 0;
}

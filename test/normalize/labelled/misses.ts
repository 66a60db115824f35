/**
 * Lists where the rules and a labelled set disagree, field by field (expected → got, with the message), and the
 * scores: `npx tsx test/normalize/labelled/misses.ts [tuning.jsonl] [--field category] [--scores]`.
 * For the tuning set only: the misses of a held-out set are never read (labelled-sets.test.ts gives its scores).
 */
import { type Field, type LabelledCase, percent, readCase, readSet, scoreSet } from './score-set';

// Piped into head: stop quietly when the reader has had enough.
process.stdout.on('error', () => process.exit(0));
const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.jsonl')) ?? 'tuning.jsonl';
if (file.startsWith('heldout')) {
  console.error('misses.ts: a held-out set is scored, never read for its misses (see labelled-sets.test.ts)');
  process.exit(2);
}
const onlyField = args.includes('--field') ? args[args.indexOf('--field') + 1] : undefined;
const cases = readSet(file);

const scores = scoreSet(cases);
for (const [field, s] of Object.entries(scores)) console.log(`${field.padEnd(10)} ${percent(s)}`);
if (args.includes('--scores')) process.exit(0);

const oneOf = (want: unknown, got: unknown) => (Array.isArray(want) ? want.includes(got) : want === got);
const fold = (v: unknown) =>
  v === undefined || v === null || v === ''
    ? null
    : String(v)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');

function misses(c: LabelledCase): [Field, unknown, unknown][] {
  const o = readCase(c);
  const e = c.expect;
  const out: [Field, unknown, unknown][] = [];
  if (!oneOf(e.kind, o.kind)) out.push(['kind', e.kind, o.kind]);
  if (e.kind !== 'report') return out;
  if (!oneOf(e.category, o.category)) out.push(['category', e.category, o.category]);
  if ((o.priority === 'urgent') !== e.urgent) out.push(['urgent', e.urgent, o.priority]);
  const loc: [Field, unknown, unknown][] = [
    ['kelurahan', e.kelurahan, o.location.kelurahan],
    ['kecamatan', e.kecamatan, o.location.kecamatan],
    ['rt', e.rt, o.location.rt],
    ['rw', e.rw, o.location.rw],
  ];
  for (const [f, want, got] of loc) if (fold(want) !== fold(got)) out.push([f, want, got]);
  return out;
}

console.log('');
for (const c of cases) {
  const m = misses(c).filter(([f]) => !onlyField || f === onlyField);
  if (m.length === 0) continue;
  const o = readCase(c);
  console.log(
    `${c.id} ${m.map(([f, want, got]) => `${f}: ${JSON.stringify(want)} → ${JSON.stringify(got)}`).join('; ')}`,
  );
  console.log(`  ${c.subject ? `[${c.subject}] ` : ''}${c.text.replace(/\s+/g, ' ').slice(0, 600)}`);
  console.log(`  reasons: ${JSON.stringify(o.reasons)}`);
}

/**
 * Scores the normalizer on a labelled set written in the format of the office's shared eval (one JSON line per
 * message with `expect`): a label may list the readings the taxonomy allows; kecamatan spellings fold as the eval
 * folds them (older idn-area-data spellings count).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NormalizedMessage, NormalizeInput } from '../../../src/core/normalized-message';
import { normalize } from '../../../src/normalize';
import { CTX } from '../helpers';

export interface LabelledCase {
  id: string;
  channel: NormalizeInput['channel'];
  from: string;
  subject: string | null;
  text: string;
  receivedAt: string;
  expect: {
    kind: string | string[];
    category?: string | string[];
    kelurahan?: string | null;
    kecamatan?: string | null;
    rt?: string | null;
    rw?: string | null;
    urgent?: boolean;
    referenceCode?: string;
    phone?: string | null;
    email?: string;
  };
}

export type Field = 'kind' | 'category' | 'urgent' | 'kelurahan' | 'kecamatan' | 'rt' | 'rw';
export type SetScore = Record<Field, { right: number; total: number; share: number }>;

export function readSet(file: string): LabelledCase[] {
  return readFileSync(path.join(__dirname, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LabelledCase);
}

const SAME: Record<string, string> = {
  amasangan: 'ammasangan',
  amassangan: 'ammasangan',
  sabbangparu: 'sabbamparu',
  petonjangan: 'pentojangan',
  salotellue: 'salutellue',
  tomarundung: 'tamarundung',
};
const fold = (v: unknown): string | null => {
  if (v === undefined || v === null || v === '') return null;
  const k = String(v)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return SAME[k] ?? k;
};
const oneOf = (want: unknown, got: unknown) => (Array.isArray(want) ? want.includes(got) : want === got);

export function readCase(c: LabelledCase): NormalizedMessage {
  return normalize(
    { channel: c.channel, from: c.from, subject: c.subject, text: c.text, receivedAt: c.receivedAt },
    CTX,
  );
}

export function scoreSet(cases: LabelledCase[]): SetScore {
  const tally = {} as SetScore;
  const count = (field: Field, ok: boolean) => {
    tally[field] ??= { right: 0, total: 0, share: 0 };
    tally[field].total++;
    if (ok) tally[field].right++;
  };
  for (const c of cases) {
    const o = readCase(c);
    const e = c.expect;
    count('kind', oneOf(e.kind, o.kind));
    if (e.kind !== 'report') continue;
    count('category', oneOf(e.category, o.category));
    count('urgent', (o.priority === 'urgent') === e.urgent);
    count('kelurahan', fold(o.location.kelurahan) === fold(e.kelurahan));
    count('kecamatan', fold(o.location.kecamatan) === fold(e.kecamatan));
    count('rt', fold(o.location.rt) === fold(e.rt));
    count('rw', fold(o.location.rw) === fold(e.rw));
  }
  for (const s of Object.values(tally)) s.share = s.right / s.total;
  return tally;
}

export const percent = (s: { right: number; total: number }) =>
  `${s.right}/${s.total} (${((100 * s.right) / s.total).toFixed(1)} %)`;

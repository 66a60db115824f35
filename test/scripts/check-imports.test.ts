/** The import rules CI enforces (docs/architecture.md, "Layers"), run over small trees written for each case. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkImports } from '../../scripts/check-imports';

const roots: string[] = [];

/** A repository of the given files (path → source) in a fresh directory. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'halo-imports-'));
  roots.push(root);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

test('this repository keeps its own rules', () => {
  expect(checkImports()).toEqual([]);
});

const CASES: { label: string; files: Record<string, string>; problems: string[] }[] = [
  {
    label: 'imports down the layers and within a folder',
    files: {
      'src/core/channel.ts': 'export type Channel = string;\n',
      'src/db/repos/a.ts': "import type { Channel } from '../../core/channel';\nexport const a = 1;\n",
      'src/db/repos/b.ts': "import { a } from './a';\nexport const b = a;\n",
      'src/http/app.ts': "import { b } from '../db/repos/b';\nexport const app = b;\n",
      'workers/api.ts': "import { app } from '../src/http/app';\nconsole.log(app);\n",
    },
    problems: [],
  },
  {
    label: 'a type imported up the layers (a repository from follow-up/)',
    files: {
      'src/follow-up/on-duty.ts': 'export interface DutyException { date: string }\n',
      'src/db/repos/duty-roster.ts':
        "import type { DutyException } from '../../follow-up/on-duty';\nexport type E = DutyException;\n",
    },
    problems: [
      'src/db/repos/duty-roster.ts:1: imports src/follow-up/on-duty.ts (src/follow-up), up the layers from src/db',
    ],
  },
  {
    label: 'an import between two folders of the same layer',
    files: {
      'src/auth/a.ts': 'export const a = 1;\n',
      'src/normalize/n.ts': "import { a } from '../auth/a';\nexport const n = a;\n",
    },
    problems: ['src/normalize/n.ts:1: imports src/auth/a.ts (src/auth), a module of the same layer from src/normalize'],
  },
  {
    label: 'a circle inside one folder',
    files: {
      'src/channels/channels.ts':
        "import { start } from './email/start';\nexport interface Deps { x: number }\nstart();\n",
      'src/channels/email/start.ts':
        "import type { Deps } from '../channels';\nexport function start(d?: Deps) { return d; }\n",
    },
    problems: ['import circle: src/channels/channels.ts ⇄ src/channels/email/start.ts'],
  },
  {
    label: 'SQL outside src/db: a query builder call, a sql template and its import',
    files: {
      'src/workspace/w.ts':
        "import { sql } from 'kysely';\nimport type { Kysely } from 'kysely';\nexport const q = (db: Kysely<any>) => db.selectFrom('incidents').select(sql`1`.as('one'));\n",
    },
    problems: [
      "src/workspace/w.ts:1: imports kysely's query builder (sql); SQL lives in src/db/repos",
      'src/workspace/w.ts:3: writes SQL (selectFrom); SQL lives in src/db/repos',
      'src/workspace/w.ts:3: writes SQL (sql`…`); SQL lives in src/db/repos',
    ],
  },
  {
    label: 'SQL inside src/db, and in src/processors (no folder is excepted any more)',
    files: {
      'src/db/repos/r.ts': "import { sql } from 'kysely';\nexport const one = sql`1`;\n",
      'src/processors/p.ts': "export const q = (db: any) => db.insertInto('raw_messages');\n",
    },
    problems: ['src/processors/p.ts:1: writes SQL (insertInto); SQL lives in src/db/repos'],
  },
  {
    label: 'a folder no layer names',
    files: { 'src/gadgets/g.ts': 'export const g = 1;\n' },
    problems: [
      'src/gadgets/g.ts: not in any layer: add its folder to scripts/import-layers.ts and docs/architecture.md',
    ],
  },
];

test.each(CASES)('$label', ({ files, problems }) => {
  expect(checkImports(tree(files))).toEqual(problems);
});

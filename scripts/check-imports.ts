/**
 * The import rules of docs/architecture.md ("Layers"), checked over the import graph of src/ and workers/: every
 * import points down the layers (type-only imports too), no two files import each other through any path (no
 * circle), and only src/db speaks SQL (no kysely query builder, no selectFrom/insertInto/updateTable/deleteFrom/…
 * elsewhere). `npm run lint` runs it, so CI does. Prints one line per broken rule and exits 1, or prints nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LAYERS, QUERY_BUILDER_EXCEPTIONS } from './import-layers';

const REPOSITORY = path.resolve(__dirname, '..');

/** The query builder's entry points: calling one of these is writing SQL. */
const QUERY_METHODS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
]);
/** What may be imported from kysely outside src/db, as types only: a handle on the database, never a query. */
const KYSELY_TYPES_ALLOWED = new Set(['Kysely', 'Transaction']);

interface Import {
  from: string;
  /** A repository-relative path for our own files, the package name for anything else. */
  to: string;
  typeOnly: boolean;
  names: string[];
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function resolve(root: string, fromFile: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return path.relative(root, base);
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/** The imports and the query-builder calls of one file. */
function read(root: string, fullPath: string): { imports: Import[]; queries: { method: string; line: number }[] } {
  const file = ts.createSourceFile(fullPath, readFileSync(fullPath, 'utf8'), ts.ScriptTarget.ES2022, true);
  const from = path.relative(root, fullPath);
  const imports: Import[] = [];
  const queries: { method: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      let typeOnly = false;
      const names: string[] = [];
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        if (clause?.name) names.push('default');
        if (bindings && ts.isNamedImports(bindings)) {
          for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
        } else if (bindings) names.push('*');
        typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!bindings &&
              ts.isNamedImports(bindings) &&
              bindings.elements.every((e) => e.isTypeOnly)));
      } else {
        typeOnly = node.isTypeOnly;
        names.push('*');
      }
      imports.push({ from, to: resolve(root, fullPath, spec), typeOnly, names, line: lineOf(file, node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const spec = node.arguments[0].text;
      imports.push({
        from,
        to: resolve(root, fullPath, spec),
        typeOnly: false,
        names: ['*'],
        line: lineOf(file, node),
      });
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      QUERY_METHODS.has(node.expression.name.text)
    ) {
      queries.push({ method: node.expression.name.text, line: lineOf(file, node) });
    } else if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'sql') {
      queries.push({ method: 'sql`…`', line: lineOf(file, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { imports, queries };
}

/** The layer of a file: its rank (0 is the bottom) and the module (folder or file) it belongs to. */
function placeOf(file: string): { rank: number; module: string } | null {
  for (const [rank, modules] of LAYERS.entries()) {
    for (const module of modules) {
      if (file === module || file.startsWith(`${module}/`)) return { rank, module };
    }
  }
  return null;
}

const isQueryHome = (file: string) =>
  file.startsWith('src/db/') || QUERY_BUILDER_EXCEPTIONS.some((dir) => file.startsWith(`${dir}/`));

/** Every file that is part of a circle of imports, one line per circle (Tarjan's strongly connected components). */
function circles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

/** Every broken rule in the tree under `root` (this repository by default), one readable line each. */
export function checkImports(root = REPOSITORY): string[] {
  const problems: string[] = [];
  const graph = new Map<string, Set<string>>();
  const files = ['src', 'workers'].flatMap((dir) =>
    existsSync(path.join(root, dir)) ? sourceFiles(path.join(root, dir)) : [],
  );
  for (const full of files) {
    const { imports, queries } = read(root, full);
    const from = path.relative(root, full);
    const here = placeOf(from);
    if (!here) {
      problems.push(`${from}: not in any layer: add its folder to scripts/import-layers.ts and docs/architecture.md`);
      continue;
    }
    const edges = new Set<string>();
    graph.set(from, edges);
    for (const imp of imports) {
      const where = `${from}:${imp.line}`;
      if (imp.to === 'kysely' && !isQueryHome(from)) {
        const builder = imp.names.filter((n) => !KYSELY_TYPES_ALLOWED.has(n));
        if (!imp.typeOnly || builder.length > 0) {
          problems.push(
            `${where}: imports kysely's query builder (${imp.names.join(', ')}); SQL lives in src/db/repos`,
          );
        }
      }
      if (!imp.to.startsWith('src/') && !imp.to.startsWith('workers/')) continue;
      edges.add(imp.to);
      const there = placeOf(imp.to);
      if (!there || there.module === here.module) continue;
      if (there.rank >= here.rank) {
        const how = there.rank === here.rank ? 'a module of the same layer' : 'up the layers';
        problems.push(`${where}: imports ${imp.to} (${there.module}), ${how} from ${here.module}`);
      }
    }
    if (!isQueryHome(from)) {
      for (const q of queries) problems.push(`${from}:${q.line}: writes SQL (${q.method}); SQL lives in src/db/repos`);
    }
  }
  for (const circle of circles(graph)) problems.push(`import circle: ${circle.join(' ⇄ ')}`);
  return problems;
}

if (require.main === module) {
  const problems = checkImports();
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`check-imports: ${problems.length} broken import rule(s); see docs/architecture.md, "Layers"`);
    process.exit(1);
  }
}

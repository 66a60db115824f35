/**
 * Every action the code writes to the audit log reads as an Indonesian sentence on the audit page, not as its
 * internal name ("webhook.change"): the actions are read from the source, so a new one without a sentence fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/db/repos/audit-entries';
import { auditSentence } from '../../src/http/pages/audit-sentences';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The action names written by the files that call writeAudit: `action: 'x.y'`, and the other 'x.y' strings of the
 * same namespaces in those files (an action chosen by a conditional, such as user.disable / user.enable). */
function writtenActions(): string[] {
  const writers = sourceFiles(join(__dirname, '../../src'))
    .map((f) => readFileSync(f, 'utf8'))
    .filter((text) => text.includes('writeAudit('));
  const direct = writers.flatMap((t) =>
    [...t.matchAll(/action:\s*'([a-z_0-9]+(?:\.[a-z_0-9]+)+)'/g)].map((m) => m[1]!),
  );
  const namespaces = new Set(direct.map((a) => a.split('.')[0]));
  const all = writers.flatMap((t) =>
    [...t.matchAll(/'([a-z_0-9]+(?:\.[a-z_0-9]+)+)'/g)]
      .map((m) => m[1]!)
      .filter((a) => namespaces.has(a.split('.')[0])),
  );
  return [...new Set(all)].sort();
}

const entry = (action: string, details: Record<string, unknown> = {}): AuditEntry => ({
  id: '1',
  at: new Date().toISOString(),
  action,
  incidentId: null,
  user: null,
  details,
});

describe('audit log sentences', () => {
  const actions = writtenActions();

  it('finds the actions the code writes (the scan itself works)', () => {
    expect(actions).toEqual(expect.arrayContaining(['session.login', 'user.disable', 'webhook.change']));
    expect(actions.length).toBeGreaterThan(30);
  });

  it.each(actions)('%s reads as a sentence, not as its internal name', (action) => {
    expect(auditSentence(entry(action))).not.toBe(action);
  });

  it('says what the details add, in Indonesian', () => {
    expect(auditSentence(entry('reporters.import', { created: 12, updated: 3 }))).toBe(
      'Mengimpor daftar pelapor (12 baru, 3 diperbarui)',
    );
    expect(auditSentence(entry('incident.create', { channel: 'walk_in' }))).toBe(
      'Mencatat laporan dari warga yang datang langsung',
    );
    expect(auditSentence(entry('incident.split', { reference: 'HK-7Q3F2K' }))).toBe(
      'Memisahkan pesan menjadi insiden baru HK-7Q3F2K',
    );
    expect(auditSentence(entry('user.password', { sessionsEnded: 2 }))).toBe(
      'Mengganti kata sandi (2 sesi lain diakhiri)',
    );
  });
});

/** The scripts and styles of the intake pages (new report, settings form, other messages), served under /assets/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FILES: Record<string, string> = {
  'new-report.js': 'text/javascript; charset=utf-8',
  'settings-form.js': 'text/javascript; charset=utf-8',
  'forms.css': 'text/css; charset=utf-8',
};

export function intakeAssets(): Record<string, { type: string; body: Buffer }> {
  return Object.fromEntries(
    Object.entries(FILES).map(([name, type]) => [
      name,
      { type, body: readFileSync(path.join(__dirname, 'assets', name)) },
    ]),
  );
}

/** The automatic texts a reporter receives, filled from the settings' templates. */
import type { IncidentStatus } from '../core/incident';
import type { Settings } from '../settings';

export const STATUS_LABELS_ID: Record<IncidentStatus, string> = {
  new: 'sudah diterima dan menunggu verifikasi',
  verified: 'sudah diverifikasi petugas',
  in_progress: 'sedang ditindaklanjuti',
  resolved: 'sudah selesai ditangani',
  rejected: 'tidak dapat ditindaklanjuti',
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

export function ackText(settings: Settings, reference: string): string {
  return fill(settings.ackTemplate, { reference });
}

export function statusAnswerText(
  settings: Settings,
  incident: { reference: string; status: IncidentStatus },
  lastUpdate: string | null,
): string {
  return fill(settings.statusTemplate, {
    reference: incident.reference,
    status: STATUS_LABELS_ID[incident.status],
    update: lastUpdate ? ` Pembaruan terakhir: ${lastUpdate}` : '',
  });
}

/** Example values for the settings form's preview: what a reporter would read. */
export const TEMPLATE_EXAMPLES: Record<string, string> = {
  reference: 'HK-7Q3F2K',
  status: STATUS_LABELS_ID.in_progress,
  update: ' Pembaruan terakhir: petugas sudah di lokasi.',
};

export function exampleText(template: string): string {
  return fill(template, TEMPLATE_EXAMPLES);
}

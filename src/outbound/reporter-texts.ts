/** The automatic texts a reporter receives, filled from the settings' templates. */
import type { IncidentStatus } from '../core/incident';
import type { QuestionTopic } from '../core/normalized-message';
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

/** "STATUS" without a code: the number's open reports (newest first), or the "none open" text. */
export function statusListText(
  settings: Settings,
  incidents: readonly { reference: string; status: IncidentStatus }[],
): string {
  if (incidents.length === 0) return settings.statusNoneText;
  const list = incidents.map((i) => `${i.reference} ${STATUS_LABELS_ID[i.status]}`).join('; ');
  return fill(settings.statusListTemplate, { list });
}

/** The help text that answers a question to the office. */
export function helpText(settings: Settings, topic: QuestionTopic): string {
  const texts: Record<QuestionTopic, string> = {
    how_to_report: settings.helpHowToReportText,
    office_hours: settings.helpOfficeHoursText,
    about: settings.helpAboutText,
  };
  return texts[topic];
}

/** Example values for the settings form's preview: what a reporter would read. */
export const TEMPLATE_EXAMPLES: Record<string, string> = {
  reference: 'HK-7Q3F2K',
  list: 'HK-7Q3F2K sedang ditangani; HK-4M9XR2 diterima',
  code: '482913',
  status: STATUS_LABELS_ID.in_progress,
  update: ' Pembaruan terakhir: petugas sudah di lokasi.',
};

export function exampleText(template: string): string {
  return fill(template, TEMPLATE_EXAMPLES);
}

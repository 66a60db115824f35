/** What creating alerts needs besides the database: settings, the office's time zone, the link base, the clock. */
import type { Settings } from '../settings';

export interface AlertContext {
  settings: Settings;
  timezone: string;
  /** PUBLIC_URL: alerts link to PUBLIC_URL/incidents/:id. */
  publicUrl: string;
  now: Date;
}

/** Urgent incidents alert the people on duty; high ones too when the setting says so. */
export function alertWorthy(priority: string, settings: Settings): boolean {
  return priority === 'urgent' || (priority === 'high' && settings.alertHighPriority);
}

/** The transport for a staff or stakeholder channel ('sms' leaves through the configured SMS path). */
export function transportFor(channel: 'sms' | 'whatsapp' | 'email', settings: Settings): string {
  if (channel === 'email') return 'smtp';
  if (channel === 'whatsapp') return 'twilio';
  return settings.smsTransport === 'twilio' ? 'twilio' : 'smssync';
}

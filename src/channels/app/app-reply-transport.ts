/**
 * Transport 'app': a staff reply to an app reporter is shown in the app at once (it is a thread message); its outbox
 * row is queued with a delay of `appReplySmsMinutes`. When it runs, a reply the reporter already opened in the app
 * ends as 'read' and costs no SMS; one still unopened leaves as an SMS through the office's SMS path.
 */

import { replySeenInApp } from '../../db/repos/app-reports';
import { setOutboundTransport } from '../../db/repos/outbound-messages';
import { transportFor } from '../../follow-up/alert-context';
import type { Transport, TransportRegistry } from '../../outbound/transport';
import { APP_PROVIDER } from '../../reporters/app-report';
import { loadSettings } from '../../settings';

export function createAppReplyTransport(transports: () => TransportRegistry): Transport {
  return {
    name: APP_PROVIDER,
    async send(row, db) {
      if (await replySeenInApp(db, row.id)) return { state: 'read' };
      const settings = await loadSettings(db);
      const dueAt = row.created_at.getTime() + settings.appReplySmsMinutes * 60_000;
      // Early only when the delayed job was lost and the outbox sweeper queued the row again: retry later.
      if (Date.now() < dueAt) throw new Error('app reply: the SMS copy is not due yet');
      const name = transportFor('sms', settings);
      const sms = transports()[name];
      if (!sms) return { state: 'failed', error: `transport ${name} is not configured` };
      // The SMSSync phone picks up rows by their transport: the row now belongs to the SMS path.
      await setOutboundTransport(db, row.id, name);
      return sms.send({ ...row, transport: name }, db);
    },
  };
}

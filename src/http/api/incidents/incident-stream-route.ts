/**
 * GET /api/incidents/stream: server-sent events, `event: incident` with the Incident JSON (masked for viewers)
 * whenever one is created or changes, in any process (deps.events is Redis pub/sub). A comment line every 25 s
 * keeps proxies from closing an idle stream.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../app-deps/app-deps';
import { incidentForRole } from '../../../auth/masking';
import { findIncidentViews, toIncident } from '../../../db/repos/incidents';
import { anyStaff, staffOf } from '../../auth/staff-auth';
import { auditIdentityShown } from '../../identity-audit';

const HEARTBEAT_MS = 25_000;

export async function incidentStreamRoute(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const open = new Set<ServerResponse>();
  // An open stream would hold the server's close forever: end them first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/incidents/stream', { preHandler: anyStaff }, async (req, reply) => {
    const user = staffOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    open.add(res);
    // Ids heard while the previous batch was being read wait here and go out together: one query and one audit
    // entry for all of them, so a burst of reports does not queue one database round trip per event behind
    // another. In the order heard, each incident once, as it stands now (a later change cannot overtake its
    // creation: the state sent already includes it).
    const pending = new Set<string>();
    let sending = false;
    const flush = async () => {
      sending = true;
      try {
        while (pending.size > 0 && !res.writableEnded) {
          const ids = [...pending];
          pending.clear();
          const rows = await findIncidentViews(deps.db, ids);
          const byId = new Map(rows.map((row) => [String(row.id), incidentForRole(toIncident(row), user.role)]));
          const incidents = ids.flatMap((id) => byId.get(id) ?? []);
          await auditIdentityShown(deps.db, user, 'GET /api/incidents/stream', incidents);
          if (res.writableEnded) return;
          for (const incident of incidents)
            res.write(`event: incident\nid: ${incident.id}\ndata: ${JSON.stringify(incident)}\n\n`);
        }
      } catch (err) {
        req.log.warn({ err: { message: (err as Error).message } }, 'incident stream: events not sent');
      } finally {
        sending = false;
      }
    };
    const send = (id: string) => {
      pending.add(id);
      if (!sending) void flush();
    };
    const unsubscribe = deps.events.subscribe(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  });
}

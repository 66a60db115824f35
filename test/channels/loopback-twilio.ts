/**
 * A real HTTP server on loopback standing in for Twilio: the REST Messages API (what the twilio client posts) and
 * media URLs (what the worker downloads with basic auth). Records every request; answers can be scripted.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  accountSid: string;
  authorization: string | undefined;
  params: Record<string, string>;
  sid: string;
  at: Date;
}

/** A sent message as Twilio's Messages API shows it. */
function resource(m: SentMessage) {
  return {
    sid: m.sid,
    account_sid: m.accountSid,
    to: m.params.To,
    from: m.params.From ?? null,
    messaging_service_sid: m.params.MessagingServiceSid ?? null,
    body: m.params.Body ?? '',
    status: 'queued',
    api_version: '2010-04-01',
    date_created: m.at.toUTCString(),
  };
}

/** An error answer, or (dropAfterCreate) a message created and the connection cut before the answer. */
export type ScriptedAnswer = { status: number; body: unknown } | { dropAfterCreate: true };

export interface MediaFile {
  contentType: string;
  body: Buffer;
  /** Answer with this status instead (a deleted or failing media URL). */
  status?: number;
}

export interface LoopbackTwilio {
  url: string;
  sent: SentMessage[];
  /** Every look-up of the Messages list (To and From filters). */
  lists: { to: string | null; from: string | null }[];
  mediaRequests: { path: string; authorization: string | undefined }[];
  /** Answers for the next Messages API calls, in order; then the default 201. */
  script: ScriptedAnswer[];
  media: Map<string, MediaFile>;
  /** A media URL on this server. */
  mediaUrl(name: string): string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startLoopbackTwilio(credentials: {
  accountSid: string;
  authToken: string;
}): Promise<LoopbackTwilio> {
  const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  const state = {
    sent: [] as SentMessage[],
    lists: [] as LoopbackTwilio['lists'],
    mediaRequests: [] as LoopbackTwilio['mediaRequests'],
    script: [] as ScriptedAnswer[],
    media: new Map<string, MediaFile>(),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const send = (status: number, body: unknown, type = 'application/json') => {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
      res.end(bytes);
    };
    const messages = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(url.pathname);
    if (req.method === 'POST' && messages) {
      const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
      if (req.headers.authorization !== expectedAuth) {
        return send(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      const scripted = state.script.shift();
      if (scripted && 'status' in scripted) return send(scripted.status, scripted.body);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      state.sent.push({
        accountSid: messages[1]!,
        authorization: req.headers.authorization,
        params,
        sid,
        at: new Date(),
      });
      // Twilio took the message, but its answer never arrives (a timeout, a cut connection).
      if (scripted?.dropAfterCreate) return req.socket.destroy();
      return send(201, resource(state.sent[state.sent.length - 1]!));
    }
    if (req.method === 'GET' && messages) {
      if (req.headers.authorization !== expectedAuth) {
        return send(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      // Newest first, filtered by To and From, as Twilio lists them.
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const found = state.sent
        .filter((m) => (!to || m.params.To === to) && (!from || m.params.From === from))
        .reverse()
        .slice(0, Number(url.searchParams.get('PageSize') ?? 50));
      state.lists.push({ to, from });
      return send(200, { messages: found.map(resource), next_page_uri: null, page: 0, page_size: found.length });
    }
    const media = /^\/media\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && media) {
      state.mediaRequests.push({ path: url.pathname, authorization: req.headers.authorization });
      if (req.headers.authorization !== expectedAuth) return send(401, { code: 20003, message: 'Authenticate' });
      const file = state.media.get(media[1]!);
      if (!file) return send(404, { code: 20404, message: 'not found' });
      if (file.status) return send(file.status, { message: 'scripted failure' });
      return send(200, file.body, file.contentType);
    }
    send(404, { code: 20404, message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    ...state,
    mediaUrl: (name) => `${base}/media/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The preparer for provider 'twilio': the text as it came, plus the media Twilio listed (MediaUrlN), downloaded here
 * in the worker (never in the webhook) with Twilio's basic auth (account SID + auth token).
 *
 * What is kept: images, audio, video and PDF up to `settings.mediaMaxBytes`; anything else is recorded on the
 * attachment (`error`) without its bytes. A download that fails for good (a 4xx: the media was deleted, or we are not
 * allowed) is recorded at once. A download that may work later (5xx, 429, network, timeout) throws, so the inbound job
 * retries with its backoff; on the job's final attempt it is recorded on the attachment instead, so the message itself
 * is never lost to a media server's trouble.
 */
import type { Config } from '../../config';
import type { PreparedAttachment, PreparedMessage } from '../../core/prepared-message';
import type { RawAttachmentRef, RawMessage } from '../../core/raw-message';
import type { DbOrTrx } from '../../db/connection';
import { loadSettings } from '../../settings';
import type { PrepareContext, Preparer } from '../registry';
import { prepareTextMessage } from '../text-preparer';

/** A download that may succeed later: thrown so that the job retries. */
export class MediaDownloadError extends Error {
  readonly code = 'media_download_failed';
}

const ALLOWED = [/^image\//, /^audio\//, /^video\//, /^application\/pdf$/];

export function allowedMediaType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return ALLOWED.some((re) => re.test(type));
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
};

/** `ME….jpg`: the media SID Twilio gives the file (last path segment) and an extension from its type. */
function filenameOf(ref: RawAttachmentRef, position: number, contentType: string | null): string {
  let stem = `media-${position + 1}`;
  try {
    const last = new URL(ref.url).pathname.split('/').filter(Boolean).pop();
    if (last && /^[\w.-]{1,100}$/.test(last)) stem = last;
  } catch {
    // an unparsable URL keeps the positional name
  }
  const ext = EXTENSIONS[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
  return ext && !stem.endsWith(`.${ext}`) ? `${stem}.${ext}` : stem;
}

export interface TwilioPreparerDeps {
  config: Pick<Config, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_MEDIA_HOSTS'>;
  db: DbOrTrx;
  /** Per download; the job retries a timeout. */
  timeoutMs?: number;
}

/** Reads the body up to `cap` bytes; null when it is larger (the rest is not downloaded). */
async function readCapped(res: Response, cap: number): Promise<Buffer | null> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > cap) {
      await res.body.cancel().catch(() => {});
      return null;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Whether a media URL is Twilio's (a configured host or one of its subdomains): only then are the account's
 * credentials sent with the request. A forged or mistaken MediaUrl elsewhere gets nothing.
 */
export function isTwilioMediaUrl(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

async function download(
  ref: RawAttachmentRef,
  position: number,
  deps: TwilioPreparerDeps,
  cap: number,
): Promise<PreparedAttachment> {
  const declared = ref.contentType;
  const base = { filename: filenameOf(ref, position, declared), contentType: declared, size: 0, content: null };
  if (!allowedMediaType(declared)) return { ...base, error: `media type ${declared ?? 'unknown'} is not allowed` };
  if (!isTwilioMediaUrl(ref.url, deps.config.TWILIO_MEDIA_HOSTS)) {
    return { ...base, error: 'media URL is not on a Twilio media host; not downloaded' };
  }
  const auth = Buffer.from(`${deps.config.TWILIO_ACCOUNT_SID ?? ''}:${deps.config.TWILIO_AUTH_TOKEN ?? ''}`).toString(
    'base64',
  );
  let res: Response;
  try {
    // fetch drops the Authorization header when Twilio redirects to its storage on another origin.
    res = await fetch(ref.url, {
      headers: { authorization: `Basic ${auth}` },
      redirect: 'follow',
      signal: AbortSignal.timeout(deps.timeoutMs ?? 30000),
    });
  } catch (err) {
    throw new MediaDownloadError(`media ${position}: download failed: ${(err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw new MediaDownloadError(`media ${position}: download failed with http ${res.status}`);
    }
    return { ...base, error: `media download refused with http ${res.status}` };
  }
  const contentType = res.headers.get('content-type') ?? declared;
  const named = { ...base, contentType, filename: filenameOf(ref, position, contentType) };
  if (!allowedMediaType(contentType)) {
    await res.body?.cancel().catch(() => {});
    return { ...named, error: `media type ${contentType ?? 'unknown'} is not allowed` };
  }
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > cap) {
    await res.body?.cancel().catch(() => {});
    return { ...named, size: length, error: `media larger than ${cap} bytes (${length}) was not kept` };
  }
  let content: Buffer | null;
  try {
    content = await readCapped(res, cap);
  } catch (err) {
    throw new MediaDownloadError(`media ${position}: download interrupted: ${(err as Error).message}`);
  }
  if (!content)
    return {
      ...named,
      size: Number.isFinite(length) ? length : cap + 1,
      error: `media larger than ${cap} bytes was not kept`,
    };
  return { ...named, size: content.length, content };
}

export function createTwilioPreparer(deps: TwilioPreparerDeps): Preparer {
  return async (raw: RawMessage, context?: PrepareContext): Promise<PreparedMessage> => {
    const prepared = await prepareTextMessage(raw);
    const media = raw.media ?? [];
    if (media.length === 0) return prepared;
    const cap = (await loadSettings(deps.db)).mediaMaxBytes;
    const attachments: PreparedAttachment[] = [];
    for (const [position, ref] of media.entries()) {
      try {
        attachments.push(await download(ref, position, deps, cap));
      } catch (err) {
        if (!(err instanceof MediaDownloadError) || !context?.finalAttempt) throw err;
        attachments.push({
          filename: filenameOf(ref, position, ref.contentType),
          contentType: ref.contentType,
          size: 0,
          content: null,
          error: `${err.message} (gave up after the last attempt)`,
        });
      }
    }
    return { ...prepared, attachments };
  };
}

/**
 * Structured JSON logs (pino) on stderr. Reporter identities and message bodies must never appear in a log
 * (docs/architecture.md rule 8): log ids and codes, not content. The redaction list is a second line of defence
 * for fields that might slip into a logged object anyway.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'from',
  'to',
  'phone',
  'email',
  'name',
  'text',
  'body',
  'subject',
  'password',
  'reporter',
  'params',
  'rawSource',
  '*.from',
  '*.to',
  '*.phone',
  '*.email',
  '*.text',
  '*.body',
  '*.subject',
  '*.password',
  '*.params',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, base: { service: 'halo-kesbang' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination,
  );
}

/**
 * Deployment settings from the environment (and `.env` when present), validated once at start-up.
 * A wrong value stops the process with one line naming the variable and what it expects (ConfigError).
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

export const ROLES = ['api', 'imap', 'normalize', 'outbound'] as const;
export type Role = (typeof ROLES)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`config: ${variable} ${expected}`);
  }
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY beside addresses and CIDR ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyHop(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell the client's address (X-Forwarded-For) and protocol: unset = none (the socket's peer is
 * the client); a number = that many hops; or addresses, CIDR ranges and `loopback` separated by commas.
 * `true` (trust anyone) is refused: a forged header would then choose the address the login throttle counts.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    if (v === undefined) return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const hops = v
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length === 0 || !hops.every(isProxyHop)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a number of hops, or proxy addresses / CIDR ranges / loopback separated by commas',
      });
      return z.NEVER;
    }
    return hops;
  });

/** A Redis Cluster node to start from (`host:port`, IPv6 as `[::1]:7000`). */
export interface RedisNode {
  host: string;
  port: number;
}

function parseRedisNode(entry: string): RedisNode | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(entry);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !(port >= 1 && port <= 65535)) return null;
  return { host, port };
}

/** `host:port,host:port,…`: unset = one Redis at REDIS_URL; set = every connection is a cluster client. */
const redisClusterNodes = z
  .string()
  .optional()
  .transform((v, ctx): RedisNode[] | undefined => {
    if (v === undefined) return undefined;
    const nodes = v
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map(parseRedisNode);
    if (nodes.length === 0 || nodes.some((n) => n === null)) {
      ctx.addIssue({ code: 'custom', message: 'must list cluster nodes as host:port separated by commas' });
      return z.NEVER;
    }
    return nodes as RedisNode[];
  });

/**
 * Whether a key prefix carries a Redis Cluster hash tag (`{…}`, not empty): then every key under it lands in one
 * slot, which BullMQ's scripts and the login throttle's transactions need on a cluster.
 */
export function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  return open >= 0 && prefix.indexOf('}', open + 1) > open + 1;
}

const schema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/halo_kesbang'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: redisClusterNodes,
  QUEUE_PREFIX: z.string().min(1).default('{halo}'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  TRUST_PROXY: trustProxy,
  /** Bearer token for GET /metrics; unset = only scrapers on this machine, not through a proxy. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HALO_ROLES: z
    .string()
    .default(ROLES.join(','))
    .transform((v, ctx) => {
      const roles = v
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0 || roles.length === 0) {
        ctx.addIssue({ code: 'custom', message: `must list roles among ${ROLES.join(',')}` });
        return z.NEVER;
      }
      return [...new Set(roles)] as Role[];
    }),
  REGION_CODE: z
    .string()
    .regex(/^\d{2}\.\d{2}$/, 'must be a Kemendagri kota/kabupaten code like 73.73')
    .default('73.73'),
  TIMEZONE: z
    .string()
    .default('Asia/Makassar')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone like Asia/Makassar'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_API_URL: url(['http:', 'https:']).default('https://api.twilio.com'),
  /** Hosts (and their subdomains) media are fetched from with the account's credentials; others are not fetched. */
  TWILIO_MEDIA_HOSTS: z
    .string()
    .default('api.twilio.com')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  SMSSYNC_SECRET: z.string().optional(),
  IMAP_HOST: z.string().optional(),
  IMAP_PORT: port.default(993),
  IMAP_SECURE: bool.default(true),
  IMAP_USER: z.string().optional(),
  IMAP_PASS: z.string().optional(),
  IMAP_MAILBOX: z
    .string()
    .default('INBOX')
    .transform((v) =>
      v
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  IMAP_PROCESSED_FOLDER: z.string().optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().optional(),
  ACK_REPLIES: bool.default(true),
  MAX_EMAIL_BYTES: z.coerce.number().int().positive().default(26214400),
  INBOUND_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  INBOUND_BATCH_FLUSH_MS: z.coerce.number().int().min(0).max(1000).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

type Parsed = z.infer<typeof schema>;
export type Config = Omit<Parsed, 'PUBLIC_URL'> & { PUBLIC_URL: string };

/** Variables whose empty value means "unset" (a blank line in .env must not count as a value). */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

/** Validates an environment; throws ConfigError naming the first wrong variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(withoutBlanks(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, issue.message);
  }
  const c = result.data;
  if (c.IMAP_HOST && (!c.IMAP_USER || !c.IMAP_PASS)) {
    throw new ConfigError(c.IMAP_USER ? 'IMAP_PASS' : 'IMAP_USER', 'is required when IMAP_HOST is set');
  }
  // Mail moved into a mailbox that is itself ingested would come back as new UIDs there, again and again.
  if (c.IMAP_PROCESSED_FOLDER && c.IMAP_MAILBOX.includes(c.IMAP_PROCESSED_FOLDER)) {
    throw new ConfigError('IMAP_PROCESSED_FOLDER', 'must be a folder that IMAP_MAILBOX does not list');
  }
  if (c.REDIS_CLUSTER_NODES && !hasHashTag(c.QUEUE_PREFIX)) {
    throw new ConfigError('QUEUE_PREFIX', 'must contain a hash tag like {halo} when REDIS_CLUSTER_NODES is set');
  }
  if (c.TWILIO_AUTH_TOKEN && !c.TWILIO_ACCOUNT_SID) {
    throw new ConfigError('TWILIO_ACCOUNT_SID', 'is required when TWILIO_AUTH_TOKEN is set');
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`).replace(
    /\/+$/,
    '',
  );
  return { ...c, PUBLIC_URL: publicUrl };
}

/**
 * Reads `.env` (without overriding the real environment) and validates. HALO_ENV_FILE names another file,
 * or `none` to read none.
 */
export function loadConfig(cwd = process.cwd()): Config {
  const choice = process.env.HALO_ENV_FILE;
  const file = choice ? path.resolve(cwd, choice) : path.join(cwd, '.env');
  if (choice !== 'none' && existsSync(file)) dotenv.config({ path: file, quiet: true });
  return parseConfig(process.env);
}

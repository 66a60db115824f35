/** The machine, versions and server settings a benchmark ran with (docs/benchmarks.md states them). */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SERVER_URL } from '../../test/helpers/test-database';
import { REDIS_URL } from './scratch';

const PACKAGES = ['fastify', 'bullmq', 'ioredis', 'kysely', 'pg', 'twilio', 'imapflow', 'mailparser', 'pino', 'tsx'];

export interface Environment {
  machine: { cpu: string; cores: number; memoryGb: number; os: string };
  versions: Record<string, string>;
  servers: Record<string, string>;
}

function packageVersion(root: string, name: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'not installed';
  }
}

export async function describeEnvironment(root: string): Promise<Environment> {
  const cpus = os.cpus();
  const versions: Record<string, string> = { node: process.version };
  const servers: Record<string, string> = {};
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    versions.PostgreSQL = (await client.query('show server_version')).rows[0].server_version;
    for (const name of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) {
      servers[`PostgreSQL ${name}`] = (await client.query(`show ${name}`)).rows[0][name];
    }
  } finally {
    await client.end();
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    versions.Redis = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    for (const key of ['appendonly', 'appendfsync', 'maxmemory-policy']) {
      const reply = (await redis.config('GET', key)) as string[];
      servers[`Redis ${key}`] = reply[1] ?? 'unknown';
    }
  } finally {
    redis.disconnect();
  }
  for (const name of PACKAGES) versions[name] = packageVersion(root, name);
  return {
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      os: `${os.type()} ${os.release()}`,
    },
    versions,
    servers,
  };
}

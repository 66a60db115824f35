/**
 * The layer order of docs/architecture.md ("Layers"), bottom first: a file may import its own module (folder or
 * file) and any module of a lower layer, never one of its own layer or above. scripts/check-imports.ts enforces it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  // Foundation: types and helpers everybody uses; they import nothing of ours but each other's files within a module.
  ['src/core', 'src/shared', 'src/config.ts', 'src/logger.ts', 'src/metrics.ts'],
  ['src/normalize', 'src/auth', 'src/db'],
  ['src/queues', 'src/settings-fields.ts'],
  ['src/settings.ts'],
  ['src/settings-cache.ts', 'src/learning', 'src/integrations', 'src/outbound', 'src/app-deps'],
  ['src/follow-up'],
  ['src/reporters'],
  ['src/channels'],
  ['src/processors'],
  ['src/workspace'],
  ['src/http'],
  ['src/runtime'],
  ['src/cli'],
  ['workers'],
];

/** Folders outside src/db that may write SQL: none (docs/architecture.md, SQL only in repositories). */
export const QUERY_BUILDER_EXCEPTIONS: readonly string[] = [];

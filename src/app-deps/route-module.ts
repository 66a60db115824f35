/** Route modules of the channels and the workspace: each is a Fastify plugin taking the app's deps. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from './app-deps';

export type RouteModule = FastifyPluginAsync<AppDeps>;

/** Jest: TypeScript through SWC (type-checking is `npm run typecheck`); real services, so files run in band-ish. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // cookie 2 (under fastify's inject and @fastify/cookie) ships ES modules only: let SWC turn it into CommonJS.
  // @fastify/cookie loads it with a dynamic import(), which jest's CommonJS runtime refuses: SWC rewrites it to require.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|@fastify/cookie)/)'],
  maxWorkers: 2,
  testTimeout: 30000,
};

/** A TCP port on 127.0.0.1 that nothing listens on, for a server a test starts itself (Dovecot, Redis, the app). */
import { createServer } from 'node:net';

/**
 * Asks the kernel for a free port and gives it back at once. Another process may take it before the caller
 * listens; the servers the tests start fail loudly on a taken port, so a collision cannot pass silently.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

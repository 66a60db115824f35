/** A TCP proxy in front of Dovecot that cuts its connections once, after the server has sent N bytes. */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CuttingProxy {
  port: number;
  /** Server bytes seen when the cut happened (null before). */
  cutAt: number | null;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: number, cutAfterBytes: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  let served = 0;
  const proxy: CuttingProxy = { port: 0, cutAt: null, close: async () => {} };
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      served += chunk.length;
      if (proxy.cutAt === null && served >= cutAfterBytes) {
        proxy.cutAt = served;
        // As a network failure looks: both directions gone at once, mid-response.
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as { port: number }).port;
  proxy.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  };
  return proxy;
}

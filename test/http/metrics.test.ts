/** /metrics shows what an operator alarms on: queue depth and the age of the oldest waiting job. */
import { type ChannelRig, startRig } from '../channels/channel-harness';
import { textMessage } from '../helpers/pipeline';

let rig: ChannelRig;
beforeAll(async () => {
  rig = await startRig('metrics');
});
afterAll(() => rig.close());

const sample = (text: string, name: string, labels: string) =>
  Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

test('queue depth and the oldest waiting job are scraped from Redis', async () => {
  const before = await rig.app.inject({ url: '/metrics' });
  expect(sample(before.body, 'halo_queue_jobs', 'queue="inbound",state="waiting"')).toBe(0);
  expect(sample(before.body, 'halo_queue_oldest_waiting_seconds', 'queue="inbound"')).toBe(0);

  // No worker runs in this rig: the messages wait.
  await rig.queues.addInbound(textMessage('Ada demo di depan kantor wali kota'));
  await rig.queues.addInbound(textMessage('Tawuran di Kelurahan Ponjalae'));
  await new Promise((r) => setTimeout(r, 1100));
  const after = await rig.app.inject({ url: '/metrics' });
  expect(after.headers['content-type']).toContain('text/plain');
  expect(sample(after.body, 'halo_queue_jobs', 'queue="inbound",state="waiting"')).toBe(2);
  expect(sample(after.body, 'halo_queue_jobs', 'queue="outbound",state="waiting"')).toBe(0);
  expect(sample(after.body, 'halo_queue_oldest_waiting_seconds', 'queue="inbound"')).toBeGreaterThanOrEqual(1);
});

test('/metrics is not served to another machine, nor through a local reverse proxy', async () => {
  expect((await rig.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' })).statusCode).toBe(404);
  const proxied = await rig.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
  expect(proxied.statusCode).toBe(404);
  expect((await rig.app.inject({ url: '/metrics' })).statusCode).toBe(200);
});

test('with METRICS_TOKEN, /metrics needs it as a Bearer token, from anywhere', async () => {
  const token = 'metrik-rahasia-0123456789';
  const rigWithToken = await startRig('metrics-token', { env: { METRICS_TOKEN: token } });
  try {
    const at = (headers: Record<string, string>) =>
      rigWithToken.app.inject({ url: '/metrics', headers, remoteAddress: '203.0.113.7' });
    expect((await at({})).statusCode).toBe(404);
    expect((await at({ authorization: 'Bearer salah' })).statusCode).toBe(404);
    expect((await at({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
  } finally {
    await rigWithToken.close();
  }
});

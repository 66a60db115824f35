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

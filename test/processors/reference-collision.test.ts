/** A drawn reference code that is already taken is drawn again, inside the same transaction, without a look-up. */
import { createPreparerRegistry } from '../../src/channels/registry';
import { createLogger } from '../../src/logger';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { type InboundDeps, processInbound } from '../../src/processors/inbound-processor';
import { textMessage } from '../helpers/pipeline';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('refcollide');
});
afterAll(() => t.drop());

function deps(codes: string[]): InboundDeps {
  return {
    db: t.db,
    queues: { addOutboundBulk: async () => {} },
    preparers: createPreparerRegistry(),
    gazetteer: loadGazetteer('73.73'),
    timezone: 'Asia/Makassar',
    ackReplies: false,
    logger: createLogger('silent'),
    newReference: () => {
      const code = codes.shift();
      if (!code) throw new Error('test: no more codes');
      return code;
    },
  };
}

test('a taken reference code is skipped and the next free one is used; ten taken codes fail the job', async () => {
  const report = (from: string) =>
    textMessage('Lapor pak, ada tawuran pemuda di Kel. Amassangan, mohon segera dikirim petugas', { from });
  const first = await processInbound({ raw: report('+6281200000001') }, deps(['HK-AAAAAA']));
  const second = await processInbound({ raw: report('+6281200000002') }, deps(['HK-AAAAAA', 'HK-BBBBBB']));
  const rows = await t.db.selectFrom('incidents').select(['id', 'reference']).orderBy('id').execute();
  expect(first.state === 'processed' && first.created).toBe(true);
  expect(second.state === 'processed' && second.created).toBe(true);
  expect(rows.map((r) => r.reference)).toEqual(['HK-AAAAAA', 'HK-BBBBBB']);

  const stuck = processInbound({ raw: report('+6281200000003') }, deps(Array(10).fill('HK-AAAAAA')));
  await expect(stuck).rejects.toThrow('reference: no free code after 10 attempts');
  // The failed transaction left nothing half-written: still two incidents, the raw message kept for the retry.
  expect(await t.db.selectFrom('incidents').select('id').execute()).toHaveLength(2);
  expect(
    await t.db.selectFrom('raw_messages').select('state').where('from_address', '=', '+6281200000003').execute(),
  ).toEqual([{ state: 'received' }]);
});

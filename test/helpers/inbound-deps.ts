/**
 * The inbound processor's dependencies as the tests give them: Palopo's gazetteer, WITA, the default readers,
 * acknowledgements on, a captured log, and an outbound queue that takes nothing. A test names only what differs.
 */
import { createPreparerRegistry } from '../../src/channels/registry';
import type { Db } from '../../src/db/connection';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import type { InboundDeps } from '../../src/processors/inbound-processor';
import { captureLogger } from './test-logger';

export function inboundDeps(db: Db, over: Partial<InboundDeps> = {}): InboundDeps {
  return {
    db,
    queues: { addOutboundBulk: async () => {} },
    preparers: createPreparerRegistry(),
    gazetteer: loadGazetteer('73.73'),
    timezone: 'Asia/Makassar',
    ackReplies: true,
    logger: captureLogger().logger,
    ...over,
  };
}

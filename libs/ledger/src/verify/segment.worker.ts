import { parentPort, workerData } from 'node:worker_threads';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { verifySegment, withoutUrls, type SegmentTask } from './chain-segments.js';

/**
 * A verification worker (segment.pool.ts): its own connection to the
 * ledger's database (never migrating it), verifying the stretches it is
 * sent one at a time and answering each one's result.
 */
const { options, ranks } = workerData as { options: DataSourceOptions; ranks: Array<[string, number]> };
const levelRanks = new Map(ranks);
// The options the pool made with dataSourceOptions() (never migrating), with the ledger's entities.
const opened = new DataSource({ ...options, entities: LEDGER_FEATURE.entities } as DataSourceOptions).initialize();
// An unopened database is answered to the first task (below), not thrown here.
opened.catch(() => undefined);

parentPort!.on('message', (message: { index: number; task: SegmentTask }) => {
  void opened
    .then((source) => verifySegment(new LedgerReader(source), message.task, levelRanks))
    .then(
      (result) => parentPort!.postMessage({ index: message.index, result }),
      // The message only, without URLs.
      (error: unknown) => parentPort!.postMessage({ index: message.index, error: withoutUrls(String((error as Error)?.message ?? error)) }),
    );
});

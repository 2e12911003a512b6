import { Worker } from 'node:worker_threads';
import type { GatewayDatabase } from '#database';
import type { SegmentResult, SegmentRunner, SegmentTask } from './chain-segments.js';

/**
 * Worker threads that verify stretches of chains (segment.worker.ts), each
 * with its own database connection: verification is CPU work (inflate,
 * parse, hash), so a ledger verifies about `jobs` times as fast on `jobs`
 * cores. Each worker takes the next stretch as soon as it is done with one.
 *
 * Runs from the compiled code only (the worker is a .js file beside this one).
 */
export class WorkerSegmentRunner implements SegmentRunner {
  private readonly workers: Worker[];

  constructor(
    database: GatewayDatabase,
    levelRanks: ReadonlyMap<string, number>,
    readonly jobs: number,
    schema?: string,
  ) {
    const workerData = { database, schema, ranks: [...levelRanks] };
    this.workers = Array.from({ length: jobs }, () => new Worker(new URL('./segment.worker.js', import.meta.url), { workerData }));
  }

  async run(tasks: readonly SegmentTask[]): Promise<SegmentResult[]> {
    const results = new Array<SegmentResult>(tasks.length);
    let next = 0;
    const drive = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        const give = () => {
          if (next >= tasks.length) {
            worker.off('message', answer).off('error', reject);
            resolve();
            return;
          }
          const index = next++;
          worker.postMessage({ index, task: tasks[index] });
        };
        const answer = (message: { index: number; result?: SegmentResult; error?: string }) => {
          if (message.error !== undefined) {
            worker.off('message', answer).off('error', reject);
            reject(new Error(`a verification worker failed: ${message.error}`));
            return;
          }
          results[message.index] = message.result!;
          give();
        };
        worker.on('message', answer).on('error', reject);
        give();
      });
    await Promise.all(this.workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

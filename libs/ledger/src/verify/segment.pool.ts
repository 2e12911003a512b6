import { Worker } from 'node:worker_threads';
import { dataSourceOptions, type GatewayDatabase } from '#database';
import { withoutUrls, type SegmentResult, type SegmentRunner, type SegmentTask } from './chain-segments.js';

/**
 * Worker threads that verify stretches of chains (segment.worker.ts), each
 * with its own database connection: verification is CPU work (inflate,
 * parse, hash), so a ledger verifies about `jobs` times as fast on `jobs`
 * cores. Each worker takes the next stretch as soon as it is done with one.
 *
 * Runs from the compiled code only (the worker is a .js file beside this one).
 */
export class WorkerSegmentRunner implements SegmentRunner {
  private readonly workers: Worker[] = [];
  private readonly workerData: object;

  constructor(
    database: GatewayDatabase,
    levelRanks: ReadonlyMap<string, number>,
    readonly jobs: number,
    schema?: string,
  ) {
    // The connection's options as plain data (no features: no entity classes), made here where the database library is
    // loaded anyway: a worker that imported it would load NestJS with it, a third of a second before its first record.
    // Its entities it adds itself.
    const options: Record<string, unknown> = { ...dataSourceOptions(database, [], { migrationsRun: false, ...(schema ? { schema } : {}) }) };
    // A function cannot cross to a thread: it sets the page size of a database file being created, which a ledger verified is not.
    delete options.prepareDatabase;
    this.workerData = { options, ranks: [...levelRanks] };
  }

  /** Started when first needed, no more than there are stretches. */
  private started(count: number): Worker[] {
    while (this.workers.length < Math.min(this.jobs, count)) this.workers.push(new Worker(new URL('./segment.worker.js', import.meta.url), { workerData: this.workerData }));
    return this.workers.slice(0, Math.min(this.jobs, count));
  }

  async run(tasks: readonly SegmentTask[]): Promise<SegmentResult[]> {
    const results = new Array<SegmentResult>(tasks.length);
    let next = 0;
    const drive = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        const settle = (error: Error | null) => {
          worker.off('message', answer).off('error', crashed).off('exit', stopped).off('messageerror', unreadable);
          if (!error) return resolve();
          // The run has failed: the other workers take no further stretch.
          next = tasks.length;
          reject(error);
        };
        const stopped = (code: number) => settle(new Error(`a verification worker stopped (exit code ${code})`));
        const give = () => {
          if (next >= tasks.length) return settle(null);
          const index = next++;
          worker.postMessage({ index, task: tasks[index] });
        };
        const answer = (message: { index: number; result?: SegmentResult; error?: string }) => {
          if (message.error !== undefined) return settle(new Error(`a verification worker failed: ${message.error}`));
          results[message.index] = message.result!;
          give();
        };
        const unreadable = () => settle(new Error('a verification worker answered a message that could not be read'));
        // A worker's own uncaught error (its start, its memory) is told like its answers: without URLs.
        const crashed = (error: Error) => settle(new Error(`a verification worker failed: ${withoutUrls(error.message)}`));
        worker.on('message', answer).on('error', crashed).on('exit', stopped).on('messageerror', unreadable);
        give();
      });
    await Promise.all(this.started(tasks.length).map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

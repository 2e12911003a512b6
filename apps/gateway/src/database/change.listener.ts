import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

const RETRY_MS = 1000;

interface ListeningClient {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeAllListeners(): void;
}

/**
 * Pushes changes (policy, registry) to this replica as they commit: on
 * PostgreSQL one pooled connection LISTENs on the channel the store
 * NOTIFYs, and every notification calls `onChange`. A lost connection is
 * logged and listened again after a second; polling stays on as the safety
 * net for what a lost connection missed. SQLite has no notifications:
 * polling alone serves it, which is enough for one host.
 */
export class ChangeListener {
  private readonly logger: Logger;
  private release: ((error?: Error) => void) | null = null;
  private client: ListeningClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    /** A PostgreSQL channel name (an identifier: LISTEN takes no parameter). */
    private readonly channel: string,
    private readonly onChange: () => void,
    /** What changes, for the log: "policy", "registry". */
    private readonly what: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.logger = new Logger(what[0]!.toUpperCase() + what.slice(1));
  }

  get supported(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async start(): Promise<void> {
    if (!this.supported || this.stopped) return;
    try {
      const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<[ListeningClient, (error?: Error) => void]> };
      const [client, release] = await driver.obtainMasterConnection();
      this.client = client;
      this.release = release;
      client.on('notification', (message) => {
        if (message.channel === this.channel) this.onChange();
      });
      client.on('error', (error) => this.lost(error));
      await client.query(`LISTEN ${this.channel}`);
      // A change committed while not listening would otherwise wait for the next poll.
      this.onChange();
    } catch (error) {
      this.logger.error(`not listening for ${this.what} changes (retrying in ${RETRY_MS} ms): ${(error as Error).message}`);
      this.discard(error as Error);
      this.schedule();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.discard(new Error('stopped listening'));
  }

  /** Gives the connection back for the pool to close, never to reuse: it is still LISTENing, with handlers on it. */
  private discard(reason: Error): void {
    this.client?.removeAllListeners();
    this.client = null;
    this.release?.(reason);
    this.release = null;
  }

  private lost(error: Error): void {
    this.logger.error(`${this.what} change notifications lost (listening again in ${RETRY_MS} ms): ${error.message}`);
    // Passing the error makes the pool discard the connection.
    this.discard(error);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.start(), RETRY_MS);
    this.retry.unref();
  }
}

/**
 * Announces a change on `channel` from inside its transaction: PostgreSQL
 * delivers the notification at commit, never for a rolled-back change, and
 * every replica listening (ChangeListener) reloads at once. SQLite has no
 * notifications: its replica polls.
 */
export async function notifyAtCommit(dataSource: DataSource, manager: EntityManager, channel: string, payload: string): Promise<void> {
  if (dataSource.options.type === 'postgres') await manager.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

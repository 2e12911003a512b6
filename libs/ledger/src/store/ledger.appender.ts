import type { DataSource, EntityManager } from 'typeorm';
import { LedgerCheckpointEntity } from '../entities/ledger-checkpoint.entity.js';
import { LedgerCheckpointHeadEntity } from '../entities/ledger-checkpoint-head.entity.js';
import { LedgerCheckpointStampEntity } from '../entities/ledger-checkpoint-stamp.entity.js';
import { LedgerOperationEntity } from '../entities/ledger-operation.entity.js';
import type { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { LedgerEntry, LedgerPosition } from '../ledger-entry.js';
import { LedgerReader } from './ledger.reader.js';
import { FIELD_COLUMNS, fieldValues, RECORD_COLUMNS, recordValues, sealEntries, type PendingEntry } from './ledger-columns.js';
import { wellFormed } from './well-formed.js';
import { ROLLUP_TABLES, rollupRows, upsertClause } from './ledger-rollups.js';

/** A group's rows for every table: its records, their field and subject rows, and what it adds to the statistics rollups. */
export type SealedGroup = ReturnType<typeof sealEntries> & { rollups: unknown[][][] };

/**
 * Appends to the ledger tables — the tables refuse anything else. One
 * subclass per kind of database, chosen once (`createLedgerAppender`): each
 * commits a whole group atomically in the way its database does fastest.
 */
export abstract class LedgerAppender {
  protected readonly reader: LedgerReader;

  constructor(
    readonly dataSource: DataSource,
    /** Level name → rank, for the searchable level column of field rows. */
    readonly levelRanks: ReadonlyMap<string, number>,
  ) {
    this.reader = new LedgerReader(dataSource);
  }

  /** The last record of a chain, as the database has it now. */
  head(chain: string): Promise<{ seq: number; hash: string }> {
    return this.reader.head(chain);
  }

  /**
   * Seals entries onto a chain after `head` and inserts them atomically
   * (group commit). Returns each entry's position; nothing is stored unless
   * everything is.
   */
  async append(chain: string, head: { seq: number; hash: string }, pending: readonly PendingEntry[]): Promise<LedgerPosition[]> {
    // Text from outside made storable before anything is derived from it (well-formed.ts).
    const storable = pending.map(({ entry, operation }) => ({ entry: wellFormed(entry), operation: operation && { hash: operation.hash, document: operation.document.toWellFormed() } }));
    const sealed = { ...sealEntries(chain, head, storable, this.levelRanks), rollups: rollupRows(storable.map(({ entry }) => entry)) };
    await this.commitGroup(sealed, storable);
    return sealed.positions;
  }

  protected abstract commitGroup(sealed: SealedGroup, pending: readonly PendingEntry[]): Promise<void>;

  /**
   * Makes sure the records' months can be stored (PostgreSQL: their monthly
   * partitions exist), in the caller's transaction if it gives one.
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  protected async prepareMonths(manager: EntityManager | null, records: ReadonlyArray<{ startedAt: string }>): Promise<void> {}

  /** Releases what the appender holds (a commit thread), after the writer drained. */
  async close(): Promise<void> {}

  /**
   * Appends one entry inside the caller's transaction, after the chain's
   * current head there (governance changes: the change and its record
   * commit together or not at all). The caller's transaction must hold a
   * lock that serialises writers of this chain.
   */
  async appendWithin(manager: EntityManager, chain: string, entry: LedgerEntry): Promise<LedgerPosition> {
    const head = await this.reader.head(chain, manager);
    const { records, fields, positions } = sealEntries(chain, head, [{ entry: wellFormed(entry), operation: null }], this.levelRanks);
    await this.prepareMonths(manager, records);
    await this.insertRows(manager, 'ledger_record', RECORD_COLUMNS, this.recordRows(records), 1);
    await this.insertRows(manager, 'ledger_field', FIELD_COLUMNS, fields.map(fieldValues), 3000);
    return positions[0]!;
  }

  /** Checks the database takes writes, without leaving anything behind (the transaction is rolled back). */
  async probeWritable(): Promise<void> {
    const rollback = new Error('probe rollback');
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(LedgerOperationEntity, { hash: `probe-${Date.now()}`, document: '', firstSeenAt: new Date().toISOString() });
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
  }

  /**
   * Adds a checkpoint and the rows of the heads it states, together. Two
   * replicas sealing at once both try the same number: the second insert
   * fails on the key and that replica seals again later.
   */
  async addCheckpoint(checkpoint: LedgerCheckpointEntity, heads: readonly LedgerPosition[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(LedgerCheckpointEntity, checkpoint);
      if (heads.length > 0)
        await manager.insert(
          LedgerCheckpointHeadEntity,
          heads.map((head) => ({ number: checkpoint.number, ...head })),
        );
    });
  }

  /** Keeps an outside authority's time stamp of a checkpoint. */
  async addStamp(stamp: LedgerCheckpointStampEntity): Promise<void> {
    await this.dataSource.manager.insert(LedgerCheckpointStampEntity, stamp);
  }

  /** The records' values, their content in its stored form (content-codec.ts). */
  protected recordRows(records: readonly LedgerRecordEntity[]): unknown[][] {
    return records.map((row) => recordValues(row));
  }

  /** A table's name as SQL writes it (PostgreSQL: in the configured schema). */
  protected table(name: string): string {
    const schema = (this.dataSource.options as { schema?: string }).schema;
    return this.dataSource.options.type === 'postgres' && schema ? `"${schema}"."${name}"` : `"${name}"`;
  }

  /**
   * Multi-row INSERTs written directly: the hot path of every exchange, where
   * TypeORM's insert query builder spent more time building parameters than
   * the database spent storing rows. Table and column names are constants of
   * this lib; every value is a bound parameter.
   */
  protected async insertRows(manager: EntityManager, table: string, columns: readonly string[], rows: unknown[][], chunk: number, tail = ''): Promise<void> {
    const postgres = this.dataSource.options.type === 'postgres';
    const head = `INSERT INTO ${this.table(table)}${tail ? ' AS t' : ''} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
    for (let start = 0; start < rows.length; start += chunk) {
      const slice = rows.slice(start, start + chunk);
      let n = 0;
      const tuples = slice.map(() => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
      await manager.query(`${head}${tuples.join(', ')} ${tail}`, slice.flat());
    }
  }

  /** Adds a group's counts to the statistics rollups (in the caller's transaction). */
  protected async addRollups(manager: EntityManager, rollups: unknown[][][]): Promise<void> {
    for (const [i, table] of ROLLUP_TABLES.entries()) {
      await this.insertRows(manager, table.table, [...table.keys, ...table.counts], rollups[i]!, 500, upsertClause(table));
    }
  }
}

import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LedgerCheckpointEntity } from '../entities/ledger-checkpoint.entity.js';
import { LedgerCheckpointHeadEntity } from '../entities/ledger-checkpoint-head.entity.js';
import { LedgerCheckpointStampEntity } from '../entities/ledger-checkpoint-stamp.entity.js';
import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerOperationEntity } from '../entities/ledger-operation.entity.js';
import { LedgerRecordEntity, type StoredRecordRow } from '../entities/ledger-record.entity.js';
import { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';
import { LedgerPrunedEntity } from '../entities/ledger-pruned.entity.js';
import { GENESIS_HASH } from '../ledger-hash.js';
import type { ReadExecutor } from './sqlite-read.process.js';

/** seq is a 32-bit integer column: its largest value bounds a whole chain. */
export const WHOLE_CHAIN = 2_147_483_647;

/** Reads of the ledger tables, for the writer's head, verification, search, export and history. */
export class LedgerReader {
  /**
   * `manager`: where the reads run (a transaction's, e.g. one with a
   * statement timeout); the data source's own by default. `executor`: where
   * the statements of searches, statistics, exports and verification run
   * instead (an SQLite read process, off the event loop).
   */
  constructor(
    readonly dataSource: DataSource,
    readonly manager: EntityManager = dataSource.manager,
    private readonly executor: ReadExecutor | null = null,
  ) {}

  /** The same reads, their statements run by `executor`. */
  on(executor: ReadExecutor | null): LedgerReader {
    return new LedgerReader(this.dataSource, this.manager, executor);
  }

  /**
   * The entities a query finds, as getMany() returns them: its main alias's columns (replacing any selection it had).
   * `stored`: no column transformed; `known`: columns its condition fixes, set rather than read (a chain's name, with every row).
   */
  async many<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, stored = false, known: Partial<T> = {}): Promise<T[]> {
    // Read rather than hydrated by getMany(): the columns are plain, and TypeORM's entity hydration cost more than the
    // read itself in verification. Each column is selected under its property's name, so the rows the driver makes
    // are the entities: no second object per row (verification reads every row of the ledger through here).
    const alias = query.expressionMap.mainAlias!;
    const transformed: Array<{ property: string; from: (value: unknown) => unknown }> = [];
    const columns = alias.metadata.columns.filter((column) => !(column.propertyName in known));
    for (const [index, column] of columns.entries()) {
      const selection = `${alias.name}.${column.databaseName}`;
      if (index === 0) query.select(selection, column.propertyName);
      else query.addSelect(selection, column.propertyName);
      // A column's own transformer still applies (a record's content is stored compressed).
      const transformer = Array.isArray(column.transformer) ? null : column.transformer;
      if (transformer && !stored) transformed.push({ property: column.propertyName, from: (value) => transformer.from(value) as unknown });
    }
    const rows = await this.raw<Record<string, unknown>>(query);
    for (const { property, from } of transformed) {
      for (const row of rows) row[property] = from(row[property]);
    }
    for (const [property, value] of Object.entries(known)) for (const row of rows) row[property] = value;
    return rows as T[];
  }

  /** The rows a query selects, as getRawMany() returns them. */
  async raw<R>(query: SelectQueryBuilder<ObjectLiteral>): Promise<R[]> {
    if (!this.executor) return query.getRawMany<R>();
    const [sql, parameters] = query.getQueryAndParameters();
    return (await this.executor.all(sql, parameters)) as R[];
  }

  /** The last record of a chain (seq 0 and the genesis hash for an empty chain; a pruned chain's last removed record). */
  async head(chain: string, manager: EntityManager = this.manager): Promise<{ seq: number; hash: string }> {
    const last = await manager.findOne(LedgerRecordEntity, { where: { chain }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
    if (last) return { seq: last.seq, hash: last.hash };
    // Every record of the chain pruned: it goes on from the last one a tombstone removed.
    const pruned = await manager.findOne(LedgerPrunedEntity, { where: { chain }, order: { seq: 'DESC' } });
    return pruned ? { seq: pruned.seq, hash: pruned.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Every removal tombstones allowed, in their sequence. */
  async prunedRows(): Promise<LedgerPrunedEntity[]> {
    return this.manager.find(LedgerPrunedEntity, { order: { number: 'ASC', chain: 'ASC' } });
  }

  /** Every checkpoint, in their sequence. */
  async checkpoints(): Promise<LedgerCheckpointEntity[]> {
    return this.manager.find(LedgerCheckpointEntity, { order: { number: 'ASC' } });
  }

  /** The rows of the heads each checkpoint states, in checkpoint order. */
  async checkpointHeads(): Promise<LedgerCheckpointHeadEntity[]> {
    return this.manager.find(LedgerCheckpointHeadEntity, { order: { number: 'ASC', chain: 'ASC' } });
  }

  /** The checkpoints numbered after `after`, up to `upTo`, in order. */
  async checkpointsBetween(after: number, upTo: number): Promise<LedgerCheckpointEntity[]> {
    return this.manager.createQueryBuilder(LedgerCheckpointEntity, 'c').where('c.number > :after AND c.number <= :upTo', { after, upTo }).orderBy('c.number', 'ASC').getMany();
  }

  /** The time stamps outside authorities gave checkpoints, by checkpoint number. */
  async stamps(): Promise<LedgerCheckpointStampEntity[]> {
    return this.manager.find(LedgerCheckpointStampEntity, { order: { number: 'ASC' } });
  }

  /** The last checkpoint (null before the first). */
  async latestCheckpoint(): Promise<LedgerCheckpointEntity | null> {
    return this.manager.findOne(LedgerCheckpointEntity, { where: {}, order: { number: 'DESC' } });
  }

  /**
   * Where the checkpoints so far left each chain: its last stated head. Each
   * chain's by a probe of the (chain, seq) index: the head table grows by a
   * row or so a minute for ever, and every seal asks (a GROUP BY over it took
   * 90 ms on SQLite, on the gateway's event loop, at a million rows).
   */
  async checkpointedHeads(): Promise<Map<string, { seq: number; hash: string }>> {
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const chain of await this.chainsOf(LedgerCheckpointHeadEntity)) {
      const top = await this.manager.findOne(LedgerCheckpointHeadEntity, { where: { chain }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
      if (top) heads.set(chain, { seq: top.seq, hash: top.hash });
    }
    return heads;
  }

  /** The record of one exchange, by its id (a unique column). */
  async recordOf(exchangeId: string): Promise<LedgerRecordEntity | null> {
    return this.manager.findOne(LedgerRecordEntity, { where: { exchangeId } });
  }

  /** The checkpoint a record falls under: the first to state its chain at or after it (null until one is signed). */
  async checkpointCovering(chain: string, seq: number): Promise<{ checkpoint: LedgerCheckpointEntity; head: { seq: number; hash: string } } | null> {
    const head = await this.manager
      .createQueryBuilder(LedgerCheckpointHeadEntity, 'h')
      .where('h.chain = :chain AND h.seq >= :seq', { chain, seq })
      .orderBy('h.seq', 'ASC')
      .addOrderBy('h.number', 'ASC')
      .getOne();
    if (!head) return null;
    const checkpoint = await this.manager.findOneBy(LedgerCheckpointEntity, { number: head.number });
    return checkpoint && { checkpoint, head: { seq: head.seq, hash: head.hash } };
  }

  /** The chains of the ledger, in a fixed order (sorted here, not by the database's collation). */
  async chains(table: 'ledger_record' | 'ledger_field' | 'ledger_subject' = 'ledger_record'): Promise<string[]> {
    return this.chainsOf({ ledger_record: LedgerRecordEntity, ledger_field: LedgerFieldEntity, ledger_subject: LedgerSubjectEntity }[table]);
  }

  /**
   * The distinct chains of a table, sorted, by a loose index scan: the first
   * chain, then the first one after it, and so on, one probe of an index
   * that leads with the chain each. `SELECT DISTINCT chain` read every entry
   * of that index instead (neither database skips through one): 0.3–0.9 s
   * at a million records, paid by every verification and checkpoint sweep.
   */
  private async chainsOf(entity: EntityTarget<ObjectLiteral>): Promise<string[]> {
    const { driver } = this.dataSource;
    const name = this.dataSource
      .getMetadata(entity)
      .tablePath.split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const sql =
      `WITH RECURSIVE found(chain) AS (SELECT MIN(chain) FROM ${name} ` +
      `UNION ALL SELECT (SELECT MIN(t.chain) FROM ${name} t WHERE t.chain > found.chain) FROM found WHERE found.chain IS NOT NULL) ` +
      `SELECT chain FROM found WHERE chain IS NOT NULL`;
    const rows = (this.executor ? await this.executor.all(sql, []) : await this.manager.query(sql)) as Array<{ chain: string }>;
    return rows.map((row) => row.chain).sort();
  }

  /**
   * Every record, chain by chain in seq order — or, for a time range, each
   * chain's records from the first to the last that started in [from, to):
   * a contiguous run, since an exchange that started earlier may have been
   * sealed later. Read in windows of seq numbers (constant memory for any ledger).
   */
  async *records(
    range: { from?: string; to?: string; spans?: ReadonlyArray<{ chain: string; lo: number; hi: number }> } = {},
    pageSize = 1000,
    onlyChain?: string,
    fromSeq = 1,
  ): AsyncGenerator<LedgerRecordEntity> {
    for (const { chain, lo, hi } of await this.spans(range, onlyChain)) {
      // `fromSeq`: where one chain's reading starts (a receipt's record), not at its first record.
      const pages = this.seqWindows(LedgerRecordEntity, 'r', chain, { lo: Math.max(lo, fromSeq), hi }, pageSize, (query) => query.orderBy('r.seq', 'ASC'));
      for await (const page of pages) yield* page;
    }
  }

  /** One chain's records within `span` as verification reads them, page by page: the content as stored (content-codec.ts). */
  storedRecords(span: { chain: string; lo: number; hi: number }, pageSize: number): AsyncGenerator<StoredRecordRow[]> {
    // Read with no transformer: the rows hold the content as the driver gave it.
    return this.seqWindows(LedgerRecordEntity, 'r', span.chain, span, pageSize, (query) => query.orderBy('r.seq', 'ASC'), true) as unknown as AsyncGenerator<StoredRecordRow[]>;
  }

  /** The runs of seq numbers to read, chain by chain. */
  private async spans(
    range: { from?: string; to?: string; spans?: ReadonlyArray<{ chain: string; lo: number; hi: number }> },
    onlyChain?: string,
  ): Promise<ReadonlyArray<{ chain: string; lo: number; hi: number }>> {
    if (range.spans) return range.spans;
    if (onlyChain !== undefined) return [{ chain: onlyChain, lo: 1, hi: WHOLE_CHAIN }];
    if (!range.from && !range.to) return (await this.chains()).map((chain) => ({ chain, lo: 1, hi: WHOLE_CHAIN }));
    const query = this.manager
      .createQueryBuilder(LedgerRecordEntity, 'r')
      .select('r.chain', 'chain')
      .addSelect('MIN(r.seq)', 'lo')
      .addSelect('MAX(r.seq)', 'hi')
      .where('1 = 1')
      .groupBy('r.chain');
    // Stored instants are all toISOString() (UTC, milliseconds), so they compare as text once the bounds are too.
    if (range.from) query.andWhere('r.started_at >= :from', { from: new Date(range.from).toISOString() });
    if (range.to) query.andWhere('r.started_at < :to', { to: new Date(range.to).toISOString() });
    const rows = await this.raw<{ chain: string; lo: number | string; hi: number | string }>(query);
    return rows.map((row) => ({ chain: row.chain, lo: Number(row.lo), hi: Number(row.hi) })).sort((a, b) => (a.chain < b.chain ? -1 : 1));
  }

  /** A chain's data-subject rows in seq order (within `range`), page by page (`width` seq numbers each). */
  subjectRowsOf(chain: string, range: { lo: number; hi: number } = { lo: 1, hi: WHOLE_CHAIN }, width = 5000): AsyncGenerator<LedgerSubjectEntity[]> {
    return this.seqWindows(LedgerSubjectEntity, 's', chain, range, width, (query) => query.orderBy('s.seq', 'ASC').addOrderBy('s.token', 'ASC'));
  }

  /** The field rows of one chain in seq order (within `range`), page by page (`width` seq numbers each). */
  fieldRowsOf(chain: string, range: { lo: number; hi: number } = { lo: 1, hi: WHOLE_CHAIN }, width = 5000): AsyncGenerator<LedgerFieldEntity[]> {
    return this.seqWindows(LedgerFieldEntity, 'f', chain, range, width, (query) => query.orderBy('f.seq', 'ASC').addOrderBy('f.owner', 'ASC'));
  }

  /** The first and last seq numbers of a chain's records (or its rows of another table): two index probes; null for none. */
  async seqBounds(chain: string, table: 'ledger_record' | 'ledger_field' | 'ledger_subject' = 'ledger_record'): Promise<{ lo: number; hi: number } | null> {
    const entity = { ledger_record: LedgerRecordEntity, ledger_field: LedgerFieldEntity, ledger_subject: LedgerSubjectEntity }[table];
    // Every seq number, those outside a chain's numbering too (verification looks for them).
    return this.edges(entity, chain, null);
  }

  /**
   * The first and last seq numbers of a chain's rows (at or after `from`), as
   * two queries of one aggregate each. One query asking for both made
   * SQLite walk every index entry between them (its min/max shortcut takes
   * a lone MIN or MAX only): 80–260 ms per call at a million records, paid
   * by every stretch a verification worker starts, against well under a
   * millisecond for the two probes. PostgreSQL plans either form as probes.
   */
  private async edges<T extends ObjectLiteral>(entity: EntityTarget<T>, chain: string, from: number | null): Promise<{ lo: number; hi: number } | null> {
    const edge = async (aggregate: 'MIN' | 'MAX') => {
      const query = this.manager.createQueryBuilder(entity, 't').select(`${aggregate}(t.seq)`, 'seq').where('t.chain = :chain', { chain });
      if (from !== null) query.andWhere('t.seq >= :from', { from });
      const [row] = await this.raw<{ seq: number | string | null }>(query);
      return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
    };
    const [lo, hi] = await Promise.all([edge('MIN'), edge('MAX')]);
    return lo === null || hi === null ? null : { lo, hi };
  }

  /**
   * A chain's rows of one table, `width` seq numbers at a time, within [lo, hi] and the seq numbers the table has: each
   * page a bounded range of the key (read as that range whatever the planner's statistics say — with `ORDER BY … LIMIT`
   * alone, PostgreSQL fresh from a bulk load sorted the whole rest of a chain for every page), the next page asked for as
   * soon as one arrives (read meanwhile where reads run outside this thread), and a stretch without rows skipped in one step.
   */
  private async *seqWindows<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    alias: string,
    chain: string,
    range: { lo: number; hi: number },
    width: number,
    order: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
    stored = false,
  ): AsyncGenerator<T[]> {
    const query = () => this.manager.createQueryBuilder(entity, alias).where(`${alias}.chain = :chain`, { chain });
    const found = await this.edges(entity, chain, range.lo);
    if (!found) return;
    const { lo } = found;
    const hi = Math.min(range.hi, found.hi);
    const read = (from: number) => {
      const page = this.many(order(query().andWhere(`${alias}.seq >= :from AND ${alias}.seq < :until`, { from, until: Math.min(from + width, hi + 1) })), stored, {
        chain,
      } as unknown as Partial<T>);
      // A consumer that stops early leaves the next page unread: its failure is nobody's to handle.
      page.catch(() => undefined);
      return page;
    };
    let from = lo;
    let next = from <= hi ? read(from) : null;
    while (next) {
      const page = await next;
      from = Math.min(from + width, hi + 1);
      if (page.length === 0 && from <= hi) from = (await this.edges(entity, chain, from))?.lo ?? hi + 1;
      next = from <= hi ? read(from) : null;
      if (page.length > 0) yield page;
    }
  }

  /** One record's field rows, one per owner. */
  async fieldsOf(chain: string, seq: number): Promise<LedgerFieldEntity[]> {
    return this.manager.find(LedgerFieldEntity, { where: { chain, seq }, order: { owner: 'ASC' } });
  }

  async operation(hash: string): Promise<string | null> {
    return (await this.manager.findOneBy(LedgerOperationEntity, { hash }))?.document ?? null;
  }
}

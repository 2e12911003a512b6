import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, GENESIS_HASH, sealCanonical, type LedgerEntry, type LedgerPosition } from '#ledger';
import { LedgerCheckpointEntity } from './ledger-checkpoint.entity.js';
import { LedgerFieldEntity } from './ledger-field.entity.js';
import { LedgerOperationEntity } from './ledger-operation.entity.js';
import { LedgerRecordEntity } from './ledger-record.entity.js';

/** An entry about to be appended, with the operation document it references (stored once). */
export interface PendingEntry {
  entry: LedgerEntry;
  operation: { hash: string; document: string } | null;
}

/** The searchable columns of a record, derived from its entry (verification re-derives and compares them). */
export function indexColumns(entry: LedgerEntry): Omit<LedgerRecordEntity, 'chain' | 'seq' | 'previousHash' | 'hash' | 'content'> {
  switch (entry.kind) {
    case 'exchange':
      return {
        exchangeId: entry.exchangeId,
        kind: entry.kind,
        startedAt: entry.startedAt,
        system: entry.caller.system,
        department: entry.caller.department,
        purpose: entry.purpose,
        decision: entry.decision,
        maxLevelRank: entry.grade.maxLevelRank,
        traceId: entry.traceId,
        operationHash: entry.operation.hash,
      };
    case 'admin':
      return {
        exchangeId: entry.exchangeId,
        kind: entry.kind,
        startedAt: entry.startedAt,
        system: entry.user,
        department: null,
        purpose: null,
        decision: entry.decision,
        maxLevelRank: null,
        traceId: entry.traceId,
        operationHash: entry.operation.hash,
      };
    default:
      return {
        exchangeId: entry.exchangeId,
        kind: entry.kind,
        startedAt: entry.at,
        system: entry.actor,
        department: null,
        purpose: null,
        decision: 'ALLOWED',
        maxLevelRank: null,
        traceId: null,
        operationHash: null,
      };
  }
}

/** The field rows of a record (exchanges only). */
export function fieldRows(chain: string, seq: number, entry: LedgerEntry, ranks: ReadonlyMap<string, number>): LedgerFieldEntity[] {
  if (entry.kind !== 'exchange') return [];
  return entry.fields.map((field, position) => ({
    chain,
    seq,
    position,
    coordinate: field.coordinate,
    owner: field.owner,
    levelRank: ranks.get(field.level) ?? ranks.size,
    outcome: field.outcome,
    startedAt: entry.startedAt,
  }));
}

/**
 * The ledger tables. Appends only — the tables refuse anything else — and
 * reads for verification, search and export.
 */
export class LedgerStore {
  constructor(
    readonly dataSource: DataSource,
    /** Level name → rank, for the searchable level column of field rows. */
    readonly levelRanks: ReadonlyMap<string, number>,
  ) {}

  /** The last record of a chain (seq 0 and the genesis hash for an empty chain). */
  async head(chain: string, manager: EntityManager = this.dataSource.manager): Promise<{ seq: number; hash: string }> {
    const last = await manager.findOne(LedgerRecordEntity, { where: { chain }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Seals entries onto a chain after `head` and inserts them in one
   * transaction (group commit). Returns each entry's position; nothing is
   * stored unless everything is.
   */
  async append(chain: string, head: { seq: number; hash: string }, pending: readonly PendingEntry[]): Promise<LedgerPosition[]> {
    const { rows, fields, positions } = this.seal(chain, head, pending);
    const operations = uniqueOperations(pending);
    await this.dataSource.transaction(async (manager) => {
      if (operations.length > 0) {
        await manager.createQueryBuilder().insert().into(LedgerOperationEntity).values(operations).orIgnore().execute();
      }
      await this.insertRows(manager, 'ledger_record', RECORD_COLUMNS, rows.map(recordValues), 1000);
      await this.insertRows(manager, 'ledger_field', FIELD_COLUMNS, fields.map(fieldValues), 3000);
    });
    return positions;
  }

  /**
   * Multi-row INSERTs written directly: the hot path of every exchange, where
   * TypeORM's insert query builder spent more time building parameters than
   * the database spent storing rows. Table and column names are constants of
   * this file; every value is a bound parameter.
   */
  private async insertRows(manager: EntityManager, table: string, columns: readonly string[], rows: unknown[][], chunk: number): Promise<void> {
    const postgres = this.dataSource.options.type === 'postgres';
    const schema = (this.dataSource.options as { schema?: string }).schema;
    const name = postgres && schema ? `"${schema}"."${table}"` : `"${table}"`;
    const head = `INSERT INTO ${name} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
    for (let start = 0; start < rows.length; start += chunk) {
      const slice = rows.slice(start, start + chunk);
      let n = 0;
      const tuples = slice.map(() => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
      await manager.query(head + tuples.join(', '), slice.flat());
    }
  }

  /**
   * Appends one entry inside the caller's transaction, after the chain's
   * current head there (for governance changes: the change and its record
   * commit together or not at all). The caller's transaction must hold a
   * lock that serialises writers of this chain.
   */
  async appendWithin(manager: EntityManager, chain: string, entry: LedgerEntry): Promise<LedgerPosition> {
    const head = await this.head(chain, manager);
    const { rows, fields, positions } = this.seal(chain, head, [{ entry, operation: null }]);
    await this.insertRows(manager, 'ledger_record', RECORD_COLUMNS, rows.map(recordValues), 1);
    await this.insertRows(manager, 'ledger_field', FIELD_COLUMNS, fields.map(fieldValues), 3000);
    return positions[0]!;
  }

  private seal(chain: string, head: { seq: number; hash: string }, pending: readonly PendingEntry[]) {
    const rows: LedgerRecordEntity[] = [];
    const fields: LedgerFieldEntity[] = [];
    const positions: LedgerPosition[] = [];
    let { seq, hash } = head;
    for (const { entry } of pending) {
      const previousHash = hash;
      const content = canonicalJson(entry);
      seq += 1;
      hash = sealCanonical(previousHash, chain, seq, content);
      rows.push({ chain, seq, previousHash, hash, content, ...indexColumns(entry) });
      fields.push(...fieldRows(chain, seq, entry, this.levelRanks));
      positions.push({ chain, seq, hash });
    }
    return { rows, fields, positions };
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

  async addCheckpoint(checkpoint: LedgerCheckpointEntity): Promise<void> {
    await this.dataSource.manager.insert(LedgerCheckpointEntity, checkpoint);
  }

  async checkpoints(): Promise<LedgerCheckpointEntity[]> {
    return this.dataSource.manager.find(LedgerCheckpointEntity, { order: { chain: 'ASC', seq: 'ASC' } });
  }

  /**
   * Every record in (chain, seq) order — or those that started in
   * [from, to) — read in pages by key (constant memory whatever the
   * ledger's size).
   */
  async *records(range: { from?: string; to?: string } = {}, pageSize = 1000): AsyncGenerator<LedgerRecordEntity> {
    let after: { chain: string; seq: number } | null = null;
    for (;;) {
      const query = this.dataSource.manager.createQueryBuilder(LedgerRecordEntity, 'r').orderBy('r.chain', 'ASC').addOrderBy('r.seq', 'ASC').limit(pageSize);
      query.where('1 = 1');
      // Stored instants are all toISOString() (UTC, milliseconds), so they compare as text once the bounds are too.
      if (range.from) query.andWhere('r.started_at >= :from', { from: new Date(range.from).toISOString() });
      if (range.to) query.andWhere('r.started_at < :to', { to: new Date(range.to).toISOString() });
      if (after) query.andWhere('(r.chain > :chain OR (r.chain = :chain AND r.seq > :seq))', after);
      const page = await query.getMany();
      for (const row of page) yield row;
      if (page.length < pageSize) return;
      const last: LedgerRecordEntity = page[page.length - 1]!;
      after = { chain: last.chain, seq: last.seq };
    }
  }

  async fieldsOf(chain: string, seq: number): Promise<LedgerFieldEntity[]> {
    return this.dataSource.manager.find(LedgerFieldEntity, { where: { chain, seq }, order: { position: 'ASC' } });
  }

  async operation(hash: string): Promise<string | null> {
    return (await this.dataSource.manager.findOneBy(LedgerOperationEntity, { hash }))?.document ?? null;
  }
}

const RECORD_COLUMNS = [
  'chain',
  'seq',
  'exchange_id',
  'kind',
  'started_at',
  'system',
  'department',
  'purpose',
  'decision',
  'max_level_rank',
  'trace_id',
  'operation_hash',
  'previous_hash',
  'hash',
  'content',
] as const;

function recordValues(row: LedgerRecordEntity): unknown[] {
  return [
    row.chain,
    row.seq,
    row.exchangeId,
    row.kind,
    row.startedAt,
    row.system,
    row.department,
    row.purpose,
    row.decision,
    row.maxLevelRank,
    row.traceId,
    row.operationHash,
    row.previousHash,
    row.hash,
    row.content,
  ];
}

const FIELD_COLUMNS = ['chain', 'seq', 'position', 'coordinate', 'owner', 'level_rank', 'outcome', 'started_at'] as const;

function fieldValues(row: LedgerFieldEntity): unknown[] {
  return [row.chain, row.seq, row.position, row.coordinate, row.owner, row.levelRank, row.outcome, row.startedAt];
}

function uniqueOperations(pending: readonly PendingEntry[]): LedgerOperationEntity[] {
  const byHash = new Map<string, LedgerOperationEntity>();
  const now = new Date().toISOString();
  for (const { operation } of pending) {
    if (operation && !byHash.has(operation.hash)) byHash.set(operation.hash, { ...operation, firstSeenAt: now });
  }
  return [...byHash.values()];
}

import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, GENESIS_HASH, sealCanonical, type LedgerEntry, type LedgerPosition } from '#ledger';
import { LedgerCheckpointEntity } from './ledger-checkpoint.entity.js';
import { LedgerFieldEntity } from './ledger-field.entity.js';
import { LedgerOperationEntity } from './ledger-operation.entity.js';
import { LedgerRecordEntity } from './ledger-record.entity.js';
import { SqliteCommitThread } from './sqlite-commit.thread.js';

/** An entry about to be appended, with the operation document it references (stored once). */
export interface PendingEntry {
  entry: LedgerEntry;
  operation: { hash: string; document: string } | null;
}

/** Text as PostgreSQL stores it: no NUL (refused in text columns), replaced by U+FFFD. */
function storable(text: string): string {
  return text.replace(/\u0000/g, '\uFFFD');
}

/** A value as a column of `width` characters can hold it. */
function fit(value: string | null, width: number): string | null {
  return value === null ? null : storable(value).slice(0, width);
}

/** The searchable columns of a record, derived from its entry (verification re-derives and compares them). */
export function indexColumns(entry: LedgerEntry): Omit<LedgerRecordEntity, 'chain' | 'seq' | 'previousHash' | 'hash' | 'content'> {
  const columns = rawIndexColumns(entry);
  // Refused exchanges carry what an unauthenticated caller sent: it must fit, whatever it was.
  return {
    ...columns,
    exchangeId: fit(columns.exchangeId, 64)!,
    system: fit(columns.system, 128),
    department: fit(columns.department, 64),
    purpose: fit(columns.purpose, 64),
    traceId: fit(columns.traceId, 32),
  };
}

function rawIndexColumns(entry: LedgerEntry): Omit<LedgerRecordEntity, 'chain' | 'seq' | 'previousHash' | 'hash' | 'content'> {
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
  /** SQLite: commits run on a thread of their own (sqlite-commit.thread.ts). */
  private commitThread: SqliteCommitThread | null = null;
  /** PostgreSQL: the statement that inserts a whole group. */
  private postgresGroup: string | null = null;

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
    if (this.dataSource.options.type === 'postgres') {
      // PostgreSQL: the whole group is one statement (atomic by itself), one round trip.
      const schema = (this.dataSource.options as { schema?: string }).schema;
      this.postgresGroup ??= postgresGroupStatement(schema);
      await this.dataSource.query(this.postgresGroup, [
        ...columnsOf(operations.map(operationValues), OPERATION_COLUMNS.length),
        ...columnsOf(rows.map(recordValues), RECORD_COLUMNS.length),
        ...columnsOf(fields.map(fieldValues), FIELD_COLUMNS.length),
      ]);
      return positions;
    }
    const thread = this.sqliteThread();
    if (thread) {
      await thread.commit({
        operations: operations.map(operationValues),
        records: rows.map(recordValues),
        fields: fields.map(fieldValues),
      });
      return positions;
    }
    // An in-memory SQLite database, which no other connection can open: on TypeORM's one connection.
    await this.dataSource.transaction(async (manager) => {
      if (operations.length > 0) await manager.createQueryBuilder().insert().into(LedgerOperationEntity).values(operations).orIgnore().execute();
      await this.insertRows(manager, 'ledger_record', RECORD_COLUMNS, rows.map(recordValues), 1000);
      await this.insertRows(manager, 'ledger_field', FIELD_COLUMNS, fields.map(fieldValues), 3000);
    });
    return positions;
  }

  /** The commit thread when the ledger is on an SQLite file (created on first use); null otherwise. */
  private sqliteThread(): SqliteCommitThread | null {
    const options = this.dataSource.options as { type: string; database?: unknown; timeout?: number };
    if (options.type !== 'better-sqlite3' || typeof options.database !== 'string' || options.database === ':memory:') return null;
    this.commitThread ??= new SqliteCommitThread({
      file: options.database,
      busyTimeoutMs: options.timeout ?? 250,
      operationColumns: OPERATION_COLUMNS,
      recordColumns: RECORD_COLUMNS,
      fieldColumns: FIELD_COLUMNS,
    });
    return this.commitThread;
  }

  /** Stops the SQLite commit thread, if one runs (after the writer drained). */
  async close(): Promise<void> {
    await this.commitThread?.close();
    this.commitThread = null;
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

  /** The chains of the ledger, in a fixed order (sorted here, not by the database's collation). */
  async chains(table: 'ledger_record' | 'ledger_field' = 'ledger_record'): Promise<string[]> {
    const entity = table === 'ledger_record' ? LedgerRecordEntity : LedgerFieldEntity;
    const rows = await this.dataSource.manager.createQueryBuilder(entity, 't').select('DISTINCT t.chain', 'chain').getRawMany<{ chain: string }>();
    return rows.map((row) => row.chain).sort();
  }

  /**
   * Every record, chain by chain in seq order — or, for a time range, each
   * chain's records from the first to the last that started in [from, to):
   * a contiguous run, since an exchange that started earlier may have been
   * sealed later. Read in pages by key (constant memory for any ledger).
   */
  async *records(range: { from?: string; to?: string } = {}, pageSize = 1000, onlyChain?: string): AsyncGenerator<LedgerRecordEntity> {
    let spans: Array<{ chain: string; lo: number; hi: number }>;
    if (onlyChain !== undefined) {
      // seq is a 32-bit integer column: its largest value bounds a whole chain.
      spans = [{ chain: onlyChain, lo: 1, hi: 2_147_483_647 }];
    } else if (range.from || range.to) {
      const query = this.dataSource.manager
        .createQueryBuilder(LedgerRecordEntity, 'r')
        .select('r.chain', 'chain')
        .addSelect('MIN(r.seq)', 'lo')
        .addSelect('MAX(r.seq)', 'hi')
        .where('1 = 1')
        .groupBy('r.chain');
      // Stored instants are all toISOString() (UTC, milliseconds), so they compare as text once the bounds are too.
      if (range.from) query.andWhere('r.started_at >= :from', { from: new Date(range.from).toISOString() });
      if (range.to) query.andWhere('r.started_at < :to', { to: new Date(range.to).toISOString() });
      const rows = await query.getRawMany<{ chain: string; lo: number | string; hi: number | string }>();
      spans = rows.map((row) => ({ chain: row.chain, lo: Number(row.lo), hi: Number(row.hi) })).sort((a, b) => (a.chain < b.chain ? -1 : 1));
    } else {
      spans = (await this.chains()).map((chain) => ({ chain, lo: 1, hi: 2_147_483_647 }));
    }
    for (const { chain, lo, hi } of spans) {
      let after = lo - 1;
      for (;;) {
        const page = await this.dataSource.manager
          .createQueryBuilder(LedgerRecordEntity, 'r')
          .where('r.chain = :chain AND r.seq > :after AND r.seq <= :hi', { chain, after, hi })
          .orderBy('r.seq', 'ASC')
          .limit(pageSize)
          .getMany();
        for (const row of page) yield row;
        if (page.length < pageSize) break;
        after = page[page.length - 1]!.seq;
      }
    }
  }

  /** The field rows of one chain in (seq, position) order, page by page. */
  async *fieldRowsOf(chain: string, pageSize = 2000): AsyncGenerator<LedgerFieldEntity> {
    let after = { seq: 0, position: -1 };
    for (;;) {
      const page = await this.dataSource.manager
        .createQueryBuilder(LedgerFieldEntity, 'f')
        .where('f.chain = :chain AND (f.seq > :seq OR (f.seq = :seq AND f.position > :position))', { chain, ...after })
        .orderBy('f.seq', 'ASC')
        .addOrderBy('f.position', 'ASC')
        .limit(pageSize)
        .getMany();
      for (const row of page) yield row;
      if (page.length < pageSize) return;
      const last = page[page.length - 1]!;
      after = { seq: last.seq, position: last.position };
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

const OPERATION_COLUMNS = ['hash', 'document', 'first_seen_at'] as const;

function operationValues(row: LedgerOperationEntity): unknown[] {
  return [row.hash, row.document, row.firstSeenAt];
}

function fieldValues(row: LedgerFieldEntity): unknown[] {
  return [row.chain, row.seq, row.position, row.coordinate, row.owner, row.levelRank, row.outcome, row.startedAt];
}

/** Column types of RECORD_COLUMNS and FIELD_COLUMNS for unnest(); varchar columns take text and check their length on insert. */
const RECORD_TYPES = ['text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text'] as const;
const FIELD_TYPES = ['text', 'int', 'int', 'text', 'text', 'int', 'text', 'text'] as const;

/**
 * One INSERT of a whole group into the three tables: each table's rows
 * arrive as one array per column (unnest), so the text is the same for
 * every group size. Data-modifying CTEs run in one statement, which
 * PostgreSQL commits or refuses as a whole — a group is never half-stored.
 */
function postgresGroupStatement(schema: string | undefined): string {
  const table = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
  let n = 0;
  const unnest = (types: readonly string[]) => `SELECT * FROM unnest(${types.map((type) => `$${++n}::${type}[]`).join(', ')})`;
  const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
  return [
    `WITH operation AS (INSERT INTO ${table('ledger_operation')} (${columns(OPERATION_COLUMNS)}) ${unnest(OPERATION_COLUMNS.map(() => 'text'))} ON CONFLICT DO NOTHING),`,
    `record AS (INSERT INTO ${table('ledger_record')} (${columns(RECORD_COLUMNS)}) ${unnest(RECORD_TYPES)})`,
    `INSERT INTO ${table('ledger_field')} (${columns(FIELD_COLUMNS)}) ${unnest(FIELD_TYPES)}`,
  ].join(' ');
}

/** Rows as one array per column. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let i = 0; i < width; i++) columns[i]!.push(row[i]);
  return columns;
}

function uniqueOperations(pending: readonly PendingEntry[]): LedgerOperationEntity[] {
  const byHash = new Map<string, LedgerOperationEntity>();
  const now = new Date().toISOString();
  for (const { operation } of pending) {
    // The document is stored as text: a NUL (possible in text that did not even parse) would be refused by PostgreSQL.
    if (operation && !byHash.has(operation.hash)) byHash.set(operation.hash, { hash: operation.hash, document: storable(operation.document), firstSeenAt: now });
  }
  return [...byHash.values()];
}

import { decodeContent } from '../store/content-codec.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One ledger record: the entry's canonical JSON (`content`), sealed by
 * `hash` over it and the previous record's hash in the same chain. The
 * other columns are copies of content fields for searching; `causeway
 * ledger verify` checks they are still those the record sealed (its
 * index commitment, store/index-commitment.ts).
 * Append-only: database triggers refuse UPDATE and DELETE.
 */
@Entity({ name: 'ledger_record' })
export class LedgerRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'exchange_id', type: 'varchar', length: 64, unique: true })
  exchangeId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  system!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  purpose!: string | null;

  @Column({ type: 'varchar', length: 20 })
  decision!: string;

  @Column({ name: 'max_level_rank', type: 'integer', nullable: true })
  maxLevelRank!: number | null;

  @Column({ name: 'trace_id', type: 'varchar', length: 32, nullable: true })
  traceId!: string | null;

  @Column({ name: 'operation_hash', type: 'varchar', length: 64, nullable: true })
  operationHash!: string | null;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /**
   * The canonical JSON; stored compressed as bytes (content-codec.ts), read back as the canonical text. The column is
   * bytea on PostgreSQL and holds BLOBs on SQLite; the migrations make it (TypeORM's schema tools are not used), and
   * one entity cannot declare a type both databases know, so the declared type is the one it had first.
   */
  @Column({ type: 'text', transformer: { from: (stored: string | Uint8Array) => decodeContent(stored), to: (content: string) => content } })
  content!: string;
}

/** A record row as stored: its content in the stored form (content-codec.ts), not yet decoded. */
export type StoredRecordRow = Omit<LedgerRecordEntity, 'content'> & { content: string | Uint8Array };

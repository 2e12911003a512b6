import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The fields one owner department had in a recorded exchange, for searching
 * by owner and coordinate and for the owner's usage (append-only): one row
 * per record and owner, its fields listed in one column (field-list.ts).
 */
@Entity({ name: 'ledger_field' })
export class LedgerFieldEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  /** The highest level rank among the owner's fields that were served, clear or masked; -1 when all were denied (gradeOf). */
  @Column({ type: 'integer' })
  grade!: number;

  /** `coordinate rank outcome` per field, in the order the operation selected them, joined by commas (packFields). */
  @Column({ type: 'text' })
  fields!: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One chain head a checkpoint states (its `heads`), as rows: where each
 * chain stood at each checkpoint, searchable by chain. An index of the
 * signed statement, checked against it by verification.
 */
@Entity({ name: 'ledger_checkpoint_head' })
@Index('ledger_checkpoint_head_chain', ['chain', 'seq'])
export class LedgerCheckpointHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

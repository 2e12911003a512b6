import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed checkpoint of the whole ledger (checkpoint.ts), one sequence for all replicas, append-only. */
@Entity({ name: 'ledger_checkpoint' })
export class LedgerCheckpointEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  /** Hash of the checkpoint before (the genesis hash for number 1). */
  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash!: string;

  /** checkpointHash of this checkpoint's statement: what the next one links to. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ name: 'signed_at', type: 'varchar', length: 32 })
  signedAt!: string;

  @Column({ type: 'text' })
  jws!: string;
}

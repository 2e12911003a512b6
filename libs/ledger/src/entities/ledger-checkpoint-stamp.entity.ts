import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An RFC 3161 time stamp of a checkpoint by an outside authority (timestamp.ts): the authority's whole answer, DER in base64. */
@Entity({ name: 'ledger_checkpoint_stamp' })
export class LedgerCheckpointStampEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  authority!: string;

  @Column({ name: 'stamped_at', type: 'varchar', length: 32 })
  stampedAt!: string;

  @Column({ type: 'text' })
  token!: string;
}

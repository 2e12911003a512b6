import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed chain head (JWS by the gateway's key), append-only. */
@Entity({ name: 'ledger_checkpoint' })
export class LedgerCheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ name: 'signed_at', type: 'varchar', length: 32 })
  signedAt!: string;

  @Column({ type: 'text' })
  jws!: string;
}

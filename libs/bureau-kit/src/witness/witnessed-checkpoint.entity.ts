import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A checkpoint of the gateway's ledger this bureau saw, kept as evidence outside the gateway's database. */
@Entity({ name: 'witnessed_checkpoint' })
export class WitnessedCheckpointEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'text' })
  jws!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 32 })
  receivedAt!: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A normalised operation document, stored once and referenced by hash from records (append-only). */
@Entity({ name: 'ledger_operation' })
export class LedgerOperationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'text' })
  document!: string;

  @Column({ name: 'first_seen_at', type: 'varchar', length: 32 })
  firstSeenAt!: string;
}

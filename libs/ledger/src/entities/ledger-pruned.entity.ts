import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One removal a tombstone checkpoint signed: the records of `chain` up to
 * and including `seq` were archived (in the file whose SHA-256 is
 * `archive`) and may be removed from the database. The database's delete
 * guard lets through only rows such a row covers; `ledger verify` checks
 * these rows against the signed tombstones. Append-only.
 */
@Entity({ name: 'ledger_pruned' })
export class LedgerPrunedEntity {
  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 64 })
  archive!: string;
}

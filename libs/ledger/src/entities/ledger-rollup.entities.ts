import { Column, Entity, PrimaryColumn } from 'typeorm';

/*
 * Statistics rollups: counts per hour, added to in the same transaction as
 * the records they count (ledger-rollups.ts), so that statistics and owners'
 * usage read a few rows per hour instead of every record. They are derived
 * data: updated in place (not append-only, not sealed), and they keep
 * counting records that pruning later removed (counts hold no personal
 * data). An empty key part (no department, no purpose) is ''.
 */

/** Fields selected, per hour, caller, purpose and field: served in clear, masked, denied. */
@Entity({ name: 'ledger_rollup_field' })
export class LedgerRollupFieldEntity {
  /** `YYYY-MM-DDTHH` (UTC), the first 13 characters of the records' started_at. */
  @PrimaryColumn({ type: 'varchar', length: 13 })
  hour!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  system!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  purpose!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  owner!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  coordinate!: string;

  @Column({ type: 'integer' })
  served!: number;

  @Column({ type: 'integer' })
  masked!: number;

  @Column({ type: 'integer' })
  denied!: number;
}

/** Exchanges per hour between a calling department and a department whose fields they selected. */
@Entity({ name: 'ledger_rollup_pair' })
export class LedgerRollupPairEntity {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  hour!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ type: 'integer' })
  exchanges!: number;
}

/** Exchanges per hour by how they ended. */
@Entity({ name: 'ledger_rollup_decision' })
export class LedgerRollupDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  hour!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  decision!: string;

  @Column({ type: 'integer' })
  exchanges!: number;
}

export const ROLLUP_ENTITIES = [LedgerRollupFieldEntity, LedgerRollupPairEntity, LedgerRollupDecisionEntity];

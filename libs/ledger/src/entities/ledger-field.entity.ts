import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One selected field of a recorded exchange, for searching by owner and coordinate (append-only). */
@Entity({ name: 'ledger_field' })
export class LedgerFieldEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  coordinate!: string;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ name: 'level_rank', type: 'integer' })
  levelRank!: number;

  @Column({ type: 'varchar', length: 8 })
  outcome!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;
}

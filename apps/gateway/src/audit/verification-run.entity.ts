import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One run of ledger verification and what it found, so auditors can see
 * when the ledger was last checked and by whom (a person, or `schedule`).
 * Not part of the ledger's chains: it is the gateway's note of a check,
 * never evidence itself; a run can be repeated at any time.
 */
@Entity({ name: 'ledger_verification_run' })
@Index('ledger_verification_run_finished', ['finishedAt'])
export class LedgerVerificationRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 32 })
  finishedAt!: string;

  /** The person who asked, or `schedule`. */
  @Column({ name: 'run_by', type: 'varchar', length: 64 })
  by!: string;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'integer' })
  verified!: number;

  @Column({ type: 'integer' })
  chains!: number;

  @Column({ type: 'integer' })
  checkpoints!: number;

  /** The first break, as JSON ({ chain, seq, reason, detail }); null when the ledger verified. */
  @Column({ type: 'text', nullable: true })
  broken!: string | null;
}

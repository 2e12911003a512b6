import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One data subject an exchange released data about, with the owner
 * departments whose fields about it were served: the index behind "which
 * exchanges released data about this person or enterprise". The subject is
 * a keyed hash (SubjectKeyring), never the identifier. Append-only;
 * `ledger verify` checks it against the record's sealed index commitment
 * (store/index-commitment.ts).
 */
@Entity({ name: 'ledger_subject' })
@Index('ledger_subject_token', ['token', 'startedAt'])
export class LedgerSubjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  token!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  /** The owner departments, sorted, joined by commas (packOwners). */
  @Column({ type: 'text' })
  owners!: string;
}

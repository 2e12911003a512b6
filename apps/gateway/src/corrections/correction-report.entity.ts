import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CORRECTION_STATUSES = ['OPEN', 'ACCEPTED', 'REJECTED'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/**
 * A correction report (校核纠错): a consumer says a value it was served in
 * an exchange is wrong, with its evidence; the owner's officers accept it
 * (and correct the data in their bureau) or reject it with reasons, by a
 * deadline. While it is open the owner may mark the field as under
 * objection (异议标注), which consumers then see. Holds no served value:
 * the report names the exchange and the field, and the ledger has the rest.
 */
@Entity({ name: 'correction_report' })
export class CorrectionReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The system or person who filed it. */
  @Column({ type: 'varchar', length: 128 })
  reporter!: string;

  @Column({ name: 'reporter_kind', type: 'varchar', length: 8 })
  reporterKind!: 'SYSTEM' | 'PERSON';

  /** The reporter's department, which sees the outcome. */
  @Column({ type: 'varchar', length: 64 })
  consumer!: string;

  @Column({ name: 'exchange_id', type: 'varchar', length: 36 })
  exchangeId!: string;

  /** `Type.field` of the value said to be wrong. */
  @Column({ type: 'varchar', length: 200 })
  coordinate!: string;

  /** Where in the answer, as the reporter gave it (`person.householdAddress`). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  path!: string | null;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  /** The data subjects (keyed-hash tokens, never identifiers) the exchange released that owner's data about: the mark applies to them. */
  @Column({ type: 'simple-json' })
  subjects!: string[];

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  evidence!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: CorrectionStatus;

  /** Whether the owner marks the field as under objection while the report is open. */
  @Column({ type: 'boolean', default: false })
  marked!: boolean;

  @Column({ name: 'filed_at', type: 'varchar', length: 32 })
  filedAt!: string;

  @Column({ name: 'due_at', type: 'varchar', length: 32 })
  dueAt!: string;

  @Column({ name: 'answered_by', type: 'varchar', length: 64, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'varchar', length: 32, nullable: true })
  answeredAt!: string | null;

  /** What the owner did (accepted) or why not (rejected). */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'boolean', default: false })
  escalated!: boolean;
}

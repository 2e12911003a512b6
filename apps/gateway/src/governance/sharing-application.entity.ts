import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * IN_REVIEW: the data authority checks conformity; RETURNED: sent back for
 * completion; PENDING: the owner answers; OBJECTED: a refusal disputed
 * before the data authority; then APPROVED, REFUSED or WITHDRAWN.
 */
export const APPLICATION_STATUSES = ['IN_REVIEW', 'RETURNED', 'PENDING', 'OBJECTED', 'APPROVED', 'REFUSED', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** The statuses that wait on someone by a deadline. */
export const DUE_STATUSES: readonly string[] = ['IN_REVIEW', 'PENDING', 'OBJECTED'];

/**
 * An application for conditionally shared data (有条件共享申请): a consumer
 * department asks an owner for fields, for a purpose, on a legal basis, for
 * a time; the owner answers by a deadline. Its every step is also recorded
 * in the ledger, which holds its history.
 */
@Entity({ name: 'sharing_application' })
export class SharingApplicationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  applicant!: string;

  @Column({ type: 'varchar', length: 64 })
  consumer!: string;

  @Column({ type: 'varchar', length: 128 })
  subject!: string;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ type: 'simple-json' })
  targets!: string[];

  @Column({ type: 'varchar', length: 64 })
  purpose!: string;

  @Column({ name: 'max_level', type: 'varchar', length: 32 })
  maxLevel!: string;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ name: 'requested_days', type: 'integer' })
  requestedDays!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 32 })
  submittedAt!: string;

  @Column({ name: 'due_at', type: 'varchar', length: 32 })
  dueAt!: string;

  @Column({ name: 'answered_by', type: 'varchar', length: 64, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'varchar', length: 32, nullable: true })
  answeredAt!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'grant_ids', type: 'simple-json', nullable: true })
  grantIds!: string[] | null;

  /** NEW, or RENEWAL (续期) of the grant `renews`. */
  @Column({ type: 'varchar', length: 8, default: 'NEW' })
  kind!: 'NEW' | 'RENEWAL';

  @Column({ type: 'varchar', length: 64, nullable: true })
  renews!: string | null;

  /** The data authority's conformity review: who, when, and the reasons of a return or refusal. */
  @Column({ name: 'reviewed_by', type: 'varchar', length: 64, nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'varchar', length: 32, nullable: true })
  reviewedAt!: string | null;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason!: string | null;

  /** The applicant's objection (异议) to a refusal: once only. */
  @Column({ type: 'text', nullable: true })
  objection!: string | null;

  /** The data authority's ruling on the objection: SUSTAINED (the refusal stands) or OVERTURNED (back to the owner). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  ruling!: 'SUSTAINED' | 'OVERTURNED' | null;

  @Column({ name: 'ruled_by', type: 'varchar', length: 64, nullable: true })
  ruledBy!: string | null;

  @Column({ name: 'ruling_reason', type: 'text', nullable: true })
  rulingReason!: string | null;

  /** The conditions the owner approved with (GrantConditions), recorded on every grant it created. */
  @Column({ type: 'simple-json', nullable: true })
  conditions!: { obligations?: string[]; dailyLimit?: number | null; duties?: string[]; purpose?: string | null } | null;

  /** Whether its being overdue has been escalated to the data authority. */
  @Column({ type: 'boolean', default: false })
  escalated!: boolean;
}

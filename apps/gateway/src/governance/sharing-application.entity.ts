import { Column, Entity, PrimaryColumn } from 'typeorm';

export const APPLICATION_STATUSES = ['PENDING', 'APPROVED', 'REFUSED', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

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
}

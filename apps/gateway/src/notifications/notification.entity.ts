import { Column, Entity, PrimaryColumn } from 'typeorm';

/** NONE: no webhook for the recipient; PENDING: to be delivered; DELIVERED; FAILED: every attempt failed. */
export type DeliveryState = 'NONE' | 'PENDING' | 'DELIVERED' | 'FAILED';

/**
 * A notification to a department's officers (or to the data authority,
 * recipient `data-authority`): written in the transaction of the step it
 * announces, so none is lost or sent for a step that did not happen, and
 * delivered from here to the recipient's webhook (an outbox). Names ids
 * and fields, never a served value.
 */
@Entity({ name: 'notification' })
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  recipient!: string;

  /** e.g. application.submitted, application.answered, correction.filed, grant.expiring. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  /** The application, correction or grant it is about. */
  @Column({ type: 'varchar', length: 128 })
  subject!: string;

  @Column({ type: 'text' })
  message!: string;

  /** By the workflow's clock. */
  @Column({ type: 'varchar', length: 32 })
  at!: string;

  @Column({ type: 'varchar', length: 10 })
  delivery!: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Real time (ISO 8601) of the next attempt, or of the end of the current attempt's claim. */
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 32, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: the policy version, bumped in the same transaction as every grant change. */
@Entity({ name: 'policy_state' })
export class PolicyStateEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  version!: number;
}

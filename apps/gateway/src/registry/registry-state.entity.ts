import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: the registry version, bumped in the same transaction as every change made through the admin API. */
@Entity({ name: 'registry_state' })
export class RegistryStateEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  version!: number;
}

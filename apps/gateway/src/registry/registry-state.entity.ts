import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row: the registry version, bumped in the same transaction as every
 * change made through the admin API, and what has been seeded from files.
 * Its lock serialises every writer of the registry chain of the ledger.
 */
@Entity({ name: 'registry_state' })
export class RegistryStateEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  version!: number;

  /** What was copied in from the configuration once (registry, bureaus, people, issuers): never again, even if an administrator empties it. */
  @Column({ type: 'simple-json' })
  seeded!: string[];
}

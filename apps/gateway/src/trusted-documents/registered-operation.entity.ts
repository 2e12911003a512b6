import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One operation registered for one calling system (a trusted document): its exact text, found by its SHA-256. */
@Entity({ name: 'registered_operation' })
export class RegisteredOperationEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  system!: string;

  /** Lower-case hex SHA-256 of `document`, as callers send it (`extensions.persistedQuery.sha256Hash`). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'text' })
  document!: string;

  @Column({ name: 'registered_by', type: 'varchar', length: 128 })
  registeredBy!: string;

  @Column({ name: 'registered_at', type: 'varchar', length: 32 })
  registeredAt!: string;
}

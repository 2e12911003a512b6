import type { JSONWebKeySet } from 'jose';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered calling system, as the gateway database holds it. */
@Entity({ name: 'registered_system' })
export class RegisteredSystemEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 32 })
  clearance!: string;

  @Column({ type: 'simple-json' })
  purposes!: string[];

  /** Public keys inline; null when `jwksUrl` is given or (development) the demo keys are used. */
  @Column({ type: 'simple-json', nullable: true })
  jwks!: JSONWebKeySet | null;

  @Column({ name: 'jwks_url', type: 'varchar', length: 2048, nullable: true })
  jwksUrl!: string | null;

  /** Requests per rate window; null: the gateway's default. */
  @Column({ name: 'rate_limit', type: 'integer', nullable: true })
  rateLimit!: number | null;

  /** Operation limits of its own (depth, rootFields, aliases, fields, directives, records); null: the gateway's defaults. */
  @Column({ name: 'operation_limits', type: 'simple-json', nullable: true })
  operationLimits!: Record<string, number> | null;

  /** Only operations registered for it (trusted documents) are served. */
  @Column({ name: 'registered_operations_only', type: 'boolean', default: false })
  registeredOperationsOnly!: boolean;

  /** Personal-information values it may be served per day; null: the gateway's default. */
  @Column({ name: 'pii_values_per_day', type: 'integer', nullable: true })
  piiValuesPerDay!: number | null;

  /** Lookups by a value it may not read in clear that may miss per day; null: the gateway's default. */
  @Column({ name: 'lookup_misses_per_day', type: 'integer', nullable: true })
  lookupMissesPerDay!: number | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}

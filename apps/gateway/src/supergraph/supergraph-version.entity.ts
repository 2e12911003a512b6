import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One supergraph the gateway served, serves or was offered, with the checks made before serving it. */
@Entity({ name: 'supergraph_version' })
export class SupergraphVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** sha256 of the SDL (the catalog's supergraphHash). */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'text' })
  sdl!: string;

  /** composition, file or rollback. */
  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /** ACTIVE (served), PENDING (awaiting approval), SUPERSEDED, REJECTED or WITHDRAWN (rolled back). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** The checks: catalog changes against the graph served when it was offered, and its bureaus. */
  @Column({ type: 'simple-json' })
  checks!: { loosened: string[]; unlabelled: string[]; added: string[]; removed: string[]; bureaus: string[] };

  /** A person, or what offered it: `composition`, `file`. */
  @Column({ name: 'proposed_by', type: 'varchar', length: 128 })
  proposedBy!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 128, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'activated_at', type: 'varchar', length: 32, nullable: true })
  activatedAt!: string | null;
}

/** One row whose lock serialises supergraph changes across replicas. */
@Entity({ name: 'supergraph_state' })
export class SupergraphStateEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'last_version', type: 'integer' })
  lastVersion!: number;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person who may use the admin API, with their roles (never taken from a token). */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ type: 'simple-json' })
  roles!: string[];

  /** The department an officer acts for. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  /** The OIDC issuer that vouches for them; null: development tokens only. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  issuer!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  /** Who last registered or changed it (`seed` for the first start): a person cannot approve what they brought about. */
  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;
}

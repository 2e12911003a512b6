import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bureau whose subgraph the gateway federates: its Federation subgraph name, its department and where it answers. */
@Entity({ name: 'bureau' })
export class BureauEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  /** Who last registered or changed it (`seed` for the first start): a person cannot approve what they brought about. */
  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;
}

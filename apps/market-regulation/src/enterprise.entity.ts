import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A market entity register row. Persistence only: the contract is schema.graphql. */
@Entity('enterprise')
@Index('enterprise_legal_representative', ['legalRepresentativeIdNumber'])
export class EnterpriseEntity {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  /** Register order; the stable key behind list cursors. */
  @Column({ type: 'integer', unique: true })
  seq!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'registered_capital', type: 'bigint' })
  registeredCapital!: number;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ name: 'established_on', type: 'varchar', length: 10 })
  establishedOn!: string;

  @Column({ name: 'legal_representative_id_number', type: 'varchar', length: 18 })
  legalRepresentativeIdNumber!: string;
}

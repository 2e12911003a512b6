import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A household-register row. Persistence only: the GraphQL contract is schema.graphql. */
@Entity('person')
export class PersonEntity {
  @PrimaryColumn({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  /** Register order; the stable key behind list cursors. */
  @Column({ type: 'integer', unique: true })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  gender!: string;

  @Column({ name: 'birth_date', type: 'varchar', length: 10 })
  birthDate!: string;

  @Column({ name: 'household_address', type: 'varchar', length: 200 })
  householdAddress!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;
}

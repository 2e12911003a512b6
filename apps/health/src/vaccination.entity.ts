import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One vaccine dose given to a resident. Persistence only. */
@Entity('vaccination')
@Index('vaccination_id_number', ['idNumber'])
export class VaccinationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  @Column({ type: 'varchar', length: 32 })
  vaccine!: string;

  @Column({ type: 'integer' })
  dose!: number;

  @Column({ name: 'administered_on', type: 'varchar', length: 10 })
  administeredOn!: string;
}

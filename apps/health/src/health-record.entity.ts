import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Insurance and chronic-condition file of one resident. Persistence only. */
@Entity('health_record')
export class HealthRecordEntity {
  @PrimaryColumn({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  @Column({ name: 'insurance_status', type: 'varchar', length: 16 })
  insuranceStatus!: string;

  @Column({ name: 'insurance_scheme', type: 'varchar', length: 16, nullable: true })
  insuranceScheme!: string | null;

  /** JSON array of condition names. */
  @Column({ name: 'chronic_conditions', type: 'text', default: '[]' })
  chronicConditions!: string;
}

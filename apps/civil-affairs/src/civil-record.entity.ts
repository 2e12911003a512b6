import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One resident's civil affairs file. Persistence only: the contract is schema.graphql. */
@Entity('civil_record')
export class CivilRecordEntity {
  @PrimaryColumn({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  @Column({ name: 'marital_status', type: 'varchar', length: 16 })
  maritalStatus!: string;

  @Column({ name: 'allowance_status', type: 'varchar', length: 16, nullable: true })
  allowanceStatus!: string | null;

  @Column({ name: 'allowance_monthly_amount', type: 'integer', nullable: true })
  allowanceMonthlyAmount!: number | null;

  @Column({ name: 'allowance_since', type: 'varchar', length: 10, nullable: true })
  allowanceSince!: string | null;

  @Column({ name: 'disability_certificate_number', type: 'varchar', length: 20, nullable: true })
  disabilityCertificateNumber!: string | null;

  @Column({ name: 'disability_category', type: 'varchar', length: 16, nullable: true })
  disabilityCategory!: string | null;

  @Column({ name: 'disability_grade', type: 'integer', nullable: true })
  disabilityGrade!: number | null;
}

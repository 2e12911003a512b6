import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCivilRecord1764000000000 implements MigrationInterface {
  name = 'CreateCivilRecord1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE civil_record (
        id_number varchar(18) PRIMARY KEY NOT NULL,
        marital_status varchar(16) NOT NULL,
        allowance_status varchar(16),
        allowance_monthly_amount integer,
        allowance_since varchar(10),
        disability_certificate_number varchar(20),
        disability_category varchar(16),
        disability_grade integer
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE civil_record');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateHealthRecords1764000000000 implements MigrationInterface {
  name = 'CreateHealthRecords1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE health_record (
        id_number varchar(18) PRIMARY KEY NOT NULL,
        insurance_status varchar(16) NOT NULL,
        insurance_scheme varchar(16),
        chronic_conditions text NOT NULL DEFAULT '[]'
      )`);
    await queryRunner.query(`
      CREATE TABLE vaccination (
        id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        id_number varchar(18) NOT NULL,
        vaccine varchar(32) NOT NULL,
        dose integer NOT NULL,
        administered_on varchar(10) NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX vaccination_id_number ON vaccination (id_number)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE vaccination');
    await queryRunner.query('DROP TABLE health_record');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePerson1764000000000 implements MigrationInterface {
  name = 'CreatePerson1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person (
        id_number varchar(18) PRIMARY KEY NOT NULL,
        seq integer NOT NULL UNIQUE,
        name varchar(64) NOT NULL,
        gender varchar(8) NOT NULL,
        birth_date varchar(10) NOT NULL,
        household_address varchar(200) NOT NULL,
        phone varchar(20)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person');
  }
}

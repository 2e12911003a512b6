import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnterprise1764000000000 implements MigrationInterface {
  name = 'CreateEnterprise1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE enterprise (
        credit_code varchar(18) PRIMARY KEY NOT NULL,
        seq integer NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        status varchar(16) NOT NULL,
        registered_capital bigint NOT NULL,
        address varchar(200) NOT NULL,
        established_on varchar(10) NOT NULL,
        legal_representative_id_number varchar(18) NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX enterprise_legal_representative ON enterprise (legal_representative_id_number)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE enterprise');
  }
}

import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A registered system's own request rate (requests per rate window); null keeps the gateway's default. */
export class AddSystemRateLimit1764500000000 implements MigrationInterface {
  name = 'AddSystemRateLimit1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('registered_system', new TableColumn({ name: 'rate_limit', type: 'integer', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('registered_system', 'rate_limit');
  }
}

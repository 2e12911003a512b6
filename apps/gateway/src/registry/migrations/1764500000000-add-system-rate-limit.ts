import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A registered system's own request rate (requests per rate window) and
 * operation limits; null keeps the gateway's defaults.
 */
export class AddSystemRateLimit1764500000000 implements MigrationInterface {
  name = 'AddSystemRateLimit1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('registered_system', [
      new TableColumn({ name: 'rate_limit', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'operation_limits', type: 'text', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('registered_system', ['operation_limits', 'rate_limit']);
  }
}

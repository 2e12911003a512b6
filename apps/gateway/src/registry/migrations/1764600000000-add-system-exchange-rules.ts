import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A registered system's exchange rules of its own: whether it may send only
 * registered operations (trusted documents), how many personal-information
 * values it may be served per day, and how many lookups by a value it may
 * not read in clear may miss per day. Nulls keep the gateway's defaults.
 */
export class AddSystemExchangeRules1764600000000 implements MigrationInterface {
  name = 'AddSystemExchangeRules1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('registered_system', [
      new TableColumn({ name: 'registered_operations_only', type: 'boolean', default: false }),
      new TableColumn({ name: 'pii_values_per_day', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'lookup_misses_per_day', type: 'integer', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('registered_system', ['lookup_misses_per_day', 'pii_values_per_day', 'registered_operations_only']);
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Registered operations (trusted documents) per calling system. */
export class CreateRegisteredOperations1764700000000 implements MigrationInterface {
  name = 'CreateRegisteredOperations1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'registered_operation',
        columns: [
          { name: 'system', type: 'varchar', length: '128', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'document', type: 'text' },
          { name: 'registered_by', type: 'varchar', length: '128' },
          { name: 'registered_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('registered_operation');
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Grants and the policy version (SQLite and PostgreSQL alike). */
export class CreatePolicy1764200000000 implements MigrationInterface {
  name = 'CreatePolicy1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'policy_grant',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'subject', type: 'varchar', length: '128' },
          { name: 'owner', type: 'varchar', length: '64' },
          { name: 'target', type: 'varchar', length: '200' },
          { name: 'max_level', type: 'varchar', length: '32' },
          { name: 'purpose', type: 'varchar', length: '64' },
          { name: 'valid_until', type: 'varchar', length: '40', isNullable: true },
          { name: 'effect', type: 'varchar', length: '8' },
          { name: 'obligations', type: 'text' },
          { name: 'basis', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        indices: [{ name: 'policy_grant_owner_subject', columnNames: ['owner', 'subject'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'policy_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('policy_state');
    await queryRunner.dropTable('policy_grant');
  }
}

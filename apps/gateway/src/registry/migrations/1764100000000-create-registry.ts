import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Registry of calling systems and purposes. Written with TypeORM's schema API so it runs on SQLite and PostgreSQL alike. */
export class CreateRegistry1764100000000 implements MigrationInterface {
  name = 'CreateRegistry1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'purpose',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'description', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registered_system',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'department', type: 'varchar', length: '64' },
          { name: 'clearance', type: 'varchar', length: '32' },
          { name: 'purposes', type: 'text' },
          { name: 'jwks', type: 'text', isNullable: true },
          { name: 'jwks_url', type: 'varchar', length: '2048', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('registered_system');
    await queryRunner.dropTable('purpose');
  }
}

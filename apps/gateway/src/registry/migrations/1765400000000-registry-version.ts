import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The registry's version: one row bumped by every change made through the
 * admin API, so replicas see a change by polling one number (and, on
 * PostgreSQL, by NOTIFY at commit) instead of re-reading every system. And
 * the bureaus the gateway federates, the people of the admin API and the
 * OIDC issuers,
 * registered like systems (seeded from the configuration and people.yaml
 * when there are none).
 */
export class RegistryVersion1765400000000 implements MigrationInterface {
  name = 'RegistryVersion1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'registry_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer' },
          { name: 'seeded', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bureau',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'department', type: 'varchar', length: '64' },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '256' },
          { name: 'roles', type: 'text' },
          { name: 'department', type: 'varchar', length: '64', isNullable: true },
          { name: 'issuer', type: 'varchar', length: '2048', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'oidc_issuer',
        columns: [
          { name: 'issuer', type: 'varchar', length: '512', isPrimary: true },
          { name: 'definition', type: 'text' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    const schema = queryRunner.connection.options.type === 'postgres' ? (queryRunner.connection.options as { schema?: string }).schema : undefined;
    await queryRunner.query(`INSERT INTO ${schema ? `"${schema}".` : ''}"registry_state" (id, version, seeded) VALUES (1, 0, '[]')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('oidc_issuer');
    await queryRunner.dropTable('person');
    await queryRunner.dropTable('bureau');
    await queryRunner.dropTable('registry_state');
  }
}

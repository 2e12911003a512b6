import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Supergraph versions with their checks and approvals, and the row that serialises changes to them. */
export class SupergraphVersions1765500000000 implements MigrationInterface {
  name = 'SupergraphVersions1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'supergraph_version',
        columns: [
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'sdl', type: 'text' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'checks', type: 'text' },
          { name: 'proposed_by', type: 'varchar', length: '128' },
          { name: 'decided_by', type: 'varchar', length: '128', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'activated_at', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [{ name: 'supergraph_version_status', columnNames: ['status'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'supergraph_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'last_version', type: 'integer' },
        ],
      }),
    );
    const schema = queryRunner.connection.options.type === 'postgres' ? (queryRunner.connection.options as { schema?: string }).schema : undefined;
    await queryRunner.query(`INSERT INTO ${schema ? `"${schema}".` : ''}"supergraph_state" (id, last_version) VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('supergraph_state');
    await queryRunner.dropTable('supergraph_version');
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Correction reports (校核纠错), SQLite and PostgreSQL alike. */
export class CreateCorrections1765600000002 implements MigrationInterface {
  name = 'CreateCorrections1765600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'correction_report',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'reporter', type: 'varchar', length: '128' },
          { name: 'reporter_kind', type: 'varchar', length: '8' },
          { name: 'consumer', type: 'varchar', length: '64' },
          { name: 'exchange_id', type: 'varchar', length: '36' },
          { name: 'coordinate', type: 'varchar', length: '200' },
          { name: 'path', type: 'varchar', length: '500', isNullable: true },
          { name: 'owner', type: 'varchar', length: '64' },
          { name: 'subjects', type: 'text' },
          { name: 'description', type: 'text' },
          { name: 'evidence', type: 'text' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'marked', type: 'boolean', default: false },
          { name: 'filed_at', type: 'varchar', length: '32' },
          { name: 'due_at', type: 'varchar', length: '32' },
          { name: 'answered_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'answered_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'outcome', type: 'text', isNullable: true },
          { name: 'escalated', type: 'boolean', default: false },
        ],
        indices: [
          { name: 'correction_report_owner', columnNames: ['owner', 'status'] },
          { name: 'correction_report_consumer', columnNames: ['consumer', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('correction_report');
  }
}

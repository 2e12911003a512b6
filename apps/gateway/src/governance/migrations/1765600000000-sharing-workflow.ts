import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The sharing workflow's stages on applications (review, objection, renewal, conditions) and the working calendar. */
export class SharingWorkflow1765600000000 implements MigrationInterface {
  name = 'SharingWorkflow1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('sharing_application', [
      new TableColumn({ name: 'kind', type: 'varchar', length: '8', default: "'NEW'" }),
      new TableColumn({ name: 'renews', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'reviewed_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'reviewed_at', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'review_reason', type: 'text', isNullable: true }),
      new TableColumn({ name: 'objection', type: 'text', isNullable: true }),
      new TableColumn({ name: 'ruling', type: 'varchar', length: '12', isNullable: true }),
      new TableColumn({ name: 'ruled_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'ruling_reason', type: 'text', isNullable: true }),
      new TableColumn({ name: 'conditions', type: 'text', isNullable: true }),
      new TableColumn({ name: 'escalated', type: 'boolean', default: false }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'work_calendar_year',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'holidays', type: 'text' },
          { name: 'workdays', type: 'text' },
          { name: 'source', type: 'varchar', length: '300', isNullable: true },
          { name: 'updated_by', type: 'varchar', length: '64' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('work_calendar_year');
    await queryRunner.dropColumns('sharing_application', [
      'kind',
      'renews',
      'reviewed_by',
      'reviewed_at',
      'review_reason',
      'objection',
      'ruling',
      'ruled_by',
      'ruling_reason',
      'conditions',
      'escalated',
    ]);
  }
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Applications for conditionally shared data (SQLite and PostgreSQL alike). */
export class CreateApplications1764400000000 implements MigrationInterface {
  name = 'CreateApplications1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sharing_application',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'applicant', type: 'varchar', length: '64' },
          { name: 'consumer', type: 'varchar', length: '64' },
          { name: 'subject', type: 'varchar', length: '128' },
          { name: 'owner', type: 'varchar', length: '64' },
          { name: 'targets', type: 'text' },
          { name: 'purpose', type: 'varchar', length: '64' },
          { name: 'max_level', type: 'varchar', length: '32' },
          { name: 'basis', type: 'text' },
          { name: 'requested_days', type: 'integer' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'submitted_at', type: 'varchar', length: '32' },
          { name: 'due_at', type: 'varchar', length: '32' },
          { name: 'answered_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'answered_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'grant_ids', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'sharing_application_owner', columnNames: ['owner', 'status'] },
          { name: 'sharing_application_consumer', columnNames: ['consumer', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sharing_application');
  }
}

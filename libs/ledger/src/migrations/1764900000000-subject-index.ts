import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { appendOnly } from './1764800000000-linked-checkpoints.js';

/** The data-subject index (ledger-subject.entity.ts), append-only like the other ledger tables. */
export class SubjectIndex1764900000000 implements MigrationInterface {
  name = 'SubjectIndex1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_subject',
        columns: [
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'token', type: 'varchar', length: '64', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64', isPrimary: true },
          { name: 'started_at', type: 'varchar', length: '32' },
        ],
        indices: [{ name: 'ledger_subject_token', columnNames: ['token', 'started_at'] }],
      }),
    );
    await appendOnly(queryRunner, 'ledger_subject');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_subject');
  }
}

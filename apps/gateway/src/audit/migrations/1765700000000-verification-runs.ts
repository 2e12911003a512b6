import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The runs of ledger verification and their results, SQLite and PostgreSQL alike. */
export class VerificationRuns1765700000000 implements MigrationInterface {
  name = 'VerificationRuns1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_verification_run',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'started_at', type: 'varchar', length: '32' },
          { name: 'finished_at', type: 'varchar', length: '32' },
          { name: 'run_by', type: 'varchar', length: '64' },
          { name: 'ok', type: 'boolean' },
          { name: 'verified', type: 'integer' },
          { name: 'chains', type: 'integer' },
          { name: 'checkpoints', type: 'integer' },
          { name: 'broken', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'ledger_verification_run_finished', columnNames: ['finished_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_verification_run');
  }
}

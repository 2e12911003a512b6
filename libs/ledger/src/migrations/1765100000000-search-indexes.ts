import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes that let every auditor filter read its first page newest first
 * without sorting the ledger: the time index now carries the whole order
 * (started_at, chain, seq), so a search walks it and stops after one page
 * (with started_at alone, SQLite sorted every match first: a search by
 * owner took 0.4 s at 50,000 records); purpose and decision lead an index
 * of their own in that order.
 */
export class SearchIndexes1765100000000 implements MigrationInterface {
  name = 'SearchIndexes1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ledger_record', 'ledger_record_started');
    await queryRunner.createIndex('ledger_record', new TableIndex({ name: 'ledger_record_started', columnNames: ['started_at', 'chain', 'seq'] }));
    await queryRunner.createIndex('ledger_record', new TableIndex({ name: 'ledger_record_purpose', columnNames: ['purpose', 'started_at', 'chain', 'seq'] }));
    await queryRunner.createIndex('ledger_record', new TableIndex({ name: 'ledger_record_decision', columnNames: ['decision', 'started_at', 'chain', 'seq'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ledger_record', 'ledger_record_decision');
    await queryRunner.dropIndex('ledger_record', 'ledger_record_purpose');
    await queryRunner.dropIndex('ledger_record', 'ledger_record_started');
    await queryRunner.createIndex('ledger_record', new TableIndex({ name: 'ledger_record_started', columnNames: ['started_at'] }));
  }
}

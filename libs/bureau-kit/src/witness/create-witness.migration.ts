import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The bureau's witness store: checkpoints of the gateway's ledger, never changed once kept. */
export class CreateWitnessedCheckpoints1764900000000 implements MigrationInterface {
  name = 'CreateWitnessedCheckpoints1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'witnessed_checkpoint',
        columns: [
          { name: 'number', type: 'integer', isPrimary: true },
          { name: 'previous_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'jws', type: 'text' },
          { name: 'received_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    for (const operation of ['UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER witnessed_checkpoint_no_${operation.toLowerCase()} BEFORE ${operation} ON witnessed_checkpoint BEGIN SELECT RAISE(ABORT, 'witnessed checkpoints are kept: ${operation} refused'); END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('witnessed_checkpoint');
  }
}

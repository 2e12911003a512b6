import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Conditions on grants: a daily volume the gateway enforces, and the usage duties the consumer accepted. */
export class GrantConditions1765600000001 implements MigrationInterface {
  name = 'GrantConditions1765600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('policy_grant', [
      new TableColumn({ name: 'daily_limit', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'duties', type: 'text', default: "'[]'" }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('policy_grant', ['daily_limit', 'duties']);
  }
}

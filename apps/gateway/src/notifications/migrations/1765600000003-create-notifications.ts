import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Notifications and their webhook deliveries (an outbox), SQLite and PostgreSQL alike. */
export class CreateNotifications1765600000003 implements MigrationInterface {
  name = 'CreateNotifications1765600000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notification',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'recipient', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'subject', type: 'varchar', length: '128' },
          { name: 'message', type: 'text' },
          { name: 'at', type: 'varchar', length: '32' },
          { name: 'delivery', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
        ],
        indices: [
          { name: 'notification_recipient', columnNames: ['recipient', 'at'] },
          { name: 'notification_delivery', columnNames: ['delivery', 'next_attempt_at'] },
          { name: 'notification_subject', columnNames: ['kind', 'subject'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification');
  }
}

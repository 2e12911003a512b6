import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const key = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const count = (name: string) => ({ name, type: 'integer' });

/**
 * Statistics from rollups instead of scans (ledger-rollup.entities.ts):
 * the three tables, filled from the records already stored (the writers
 * add to them from then on, in each group's transaction), and an index
 * that finds the gravest records of a range level by level.
 */
export class StatisticsRollups1765200000000 implements MigrationInterface {
  name = 'StatisticsRollups1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_rollup_field',
        columns: [
          key('hour', 13),
          key('system', 128),
          key('department', 64),
          key('purpose', 64),
          key('owner', 64),
          key('coordinate', 200),
          count('served'),
          count('masked'),
          count('denied'),
        ],
      }),
    );
    await queryRunner.createTable(new Table({ name: 'ledger_rollup_pair', columns: [key('hour', 13), key('department', 64), key('owner', 64), count('exchanges')] }));
    await queryRunner.createTable(new Table({ name: 'ledger_rollup_decision', columns: [key('hour', 13), key('decision', 20), count('exchanges')] }));
    await queryRunner.createIndex('ledger_record', new TableIndex({ name: 'ledger_record_grade', columnNames: ['max_level_rank', 'started_at', 'chain', 'seq'] }));

    const schema = queryRunner.connection.options.type === 'postgres' ? (queryRunner.connection.options as { schema?: string }).schema : undefined;
    const table = (name: string) => (schema ? `"${schema}"."${name}"` : `"${name}"`);
    const exchanges = `${table('ledger_record')} r WHERE r.kind = 'exchange'`;
    const fields = `${table('ledger_field')} f JOIN ${table('ledger_record')} r ON r.chain = f.chain AND r.seq = f.seq WHERE r.kind = 'exchange'`;
    const outcome = (name: string) => `SUM(CASE WHEN f.outcome = '${name}' THEN 1 ELSE 0 END)`;
    const hour = 'substr(r.started_at, 1, 13)';
    await queryRunner.query(
      `INSERT INTO ${table('ledger_rollup_field')} (hour, system, department, purpose, owner, coordinate, served, masked, denied) ` +
        `SELECT ${hour}, COALESCE(r.system, ''), COALESCE(r.department, ''), COALESCE(r.purpose, ''), f.owner, f.coordinate, ${outcome('served')}, ${outcome('masked')}, ${outcome('denied')} ` +
        `FROM ${fields} GROUP BY ${hour}, COALESCE(r.system, ''), COALESCE(r.department, ''), COALESCE(r.purpose, ''), f.owner, f.coordinate`,
    );
    await queryRunner.query(
      `INSERT INTO ${table('ledger_rollup_pair')} (hour, department, owner, exchanges) ` +
        `SELECT ${hour}, COALESCE(r.department, ''), f.owner, COUNT(DISTINCT r.exchange_id) FROM ${fields} GROUP BY ${hour}, COALESCE(r.department, ''), f.owner`,
    );
    await queryRunner.query(`INSERT INTO ${table('ledger_rollup_decision')} (hour, decision, exchanges) SELECT ${hour}, r.decision, COUNT(*) FROM ${exchanges} GROUP BY ${hour}, r.decision`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ledger_record', 'ledger_record_grade');
    for (const name of ['ledger_rollup_decision', 'ledger_rollup_pair', 'ledger_rollup_field']) await queryRunner.dropTable(name);
  }
}

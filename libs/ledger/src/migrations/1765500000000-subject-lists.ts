import type { MigrationInterface, QueryRunner } from 'typeorm';
import { packOwners } from '../store/field-list.js';
import { placeholders, rebuildLedgerTable } from './table-rebuild.js';

/** An owner the list writes as it is (field-list.ts); a subject with any other is listed by the code, not by SQL. */
const PLAIN = { sqlite: "owner NOT GLOB '*[^-A-Za-z0-9_.]*'", postgres: "owner !~ '[^-A-Za-z0-9_.]'" };

/**
 * Data-subject rows with their owners listed (ledger-subject.entity.ts): one
 * row per record and subject instead of one per subject and owner department
 * (2.3 rows a record on the demo's traffic, one). SQLite keeps the table
 * WITHOUT ROWID, its key the only copy of (chain, seq, token).
 *
 * Existing rows are converted where they are; one way only, like the field lists.
 */
export class SubjectLists1765500000000 implements MigrationInterface {
  name = 'SubjectLists1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildLedgerTable(queryRunner, {
      table: 'ledger_subject',
      columns: 'chain varchar(80) NOT NULL, seq integer NOT NULL, token varchar(64) NOT NULL, started_at varchar(32) NOT NULL, owners text NOT NULL',
      key: 'chain, seq, token',
      oldIndexes: ['ledger_subject_token'],
      indexes: [['ledger_subject_token', 'token, started_at']],
      insertColumns: 'chain, seq, token, started_at, owners',
      // Owners sorted byte by byte, as packOwners sorts the plain ones.
      select: (from, postgres) =>
        `SELECT chain, seq, token, MIN(started_at), ${postgres ? `string_agg(owner, ',' ORDER BY owner COLLATE "C")` : `group_concat(owner, ',' ORDER BY owner)`} ` +
        `FROM ${from} GROUP BY chain, seq, token HAVING ${postgres ? `bool_and(${PLAIN.postgres})` : `MIN((${PLAIN.sqlite})) = 1`}`,
      rest: async (runner: QueryRunner, from: string, into: string) => {
        const plain = runner.connection.options.type === 'postgres' ? PLAIN.postgres : PLAIN.sqlite;
        const rows = (await runner.query(
          `SELECT o.chain, o.seq, o.token, o.started_at, o.owner FROM ${from} o WHERE EXISTS ` +
            `(SELECT 1 FROM ${from} u WHERE u.chain = o.chain AND u.seq = o.seq AND u.token = o.token AND NOT (${plain.replace('owner', 'u.owner')}))`,
        )) as Array<{ chain: string; seq: number; token: string; started_at: string; owner: string }>;
        const groups = new Map<string, { row: (typeof rows)[number]; owners: string[] }>();
        for (const row of rows) {
          const key = `${row.chain}\u0000${row.seq}\u0000${row.token}`;
          const group = groups.get(key) ?? { row, owners: [] };
          group.owners.push(row.owner);
          groups.set(key, group);
        }
        for (const { row, owners } of groups.values()) {
          const values = [row.chain, Number(row.seq), row.token, row.started_at, packOwners(owners)];
          await runner.query(`INSERT INTO ${into} (chain, seq, token, started_at, owners) VALUES (${placeholders(runner, values.length)})`, values);
        }
      },
    });
  }

  async down(): Promise<void> {
    throw new Error('the subject lists of the ledger are not undone by a migration: restore the backup taken before it');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ledgerSchema } from './ledger-schema.js';

/** A stored text form that is `z1.` and well-formed base64url (a length of 4n + 1 characters never is). */
const WELL_FORMED = `content ~ '^z1\\.[A-Za-z0-9_-]*$' AND (length(content) - 3) % 4 <> 1`;

/** Its bytes form: version byte 1, then the deflated bytes the base64url text holds (padded, as decode() wants it). */
const AS_BYTES = `'\\x01'::bytea || decode(rpad(translate(substr(content, 4), '-_', '+/'), ((length(content) - 3 + 3) / 4) * 4, '='), 'base64')`;

/**
 * PostgreSQL: a record's content in a column of bytes (`bytea`), as SQLite
 * has stored it since the bytes form (content-codec.ts): the deflated bytes
 * after a version byte instead of their base64url text, about 130 bytes
 * less a record on the demo's traffic, and nothing to encode or decode
 * besides inflating.
 *
 * Every record already there is converted in place: the text form to the
 * bytes it encodes, and anything else (canonical JSON written before the
 * compression, or text that is not a well-formed stored form) to its UTF-8
 * bytes, which the codec reads back as the text it was, so that
 * verification still finds a changed record where it was changed. The
 * column's type changes on the partitioned table and every partition with
 * it: PostgreSQL rewrites them all under an exclusive lock (the append-only
 * triggers are row triggers and do not fire). On a large ledger that takes a
 * while (measured in docs/ledger.md): run the migration job in a window.
 *
 * SQLite needs nothing: its column already holds the bytes of every record
 * written since, and reads the text of older ones as it is.
 *
 * One way only: going back means restoring a backup taken before.
 */
export class ContentBytes1765600000000 implements MigrationInterface {
  name = 'ContentBytes1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    const { q } = await ledgerSchema(queryRunner, queryRunner.connection.options);
    await queryRunner.query(`ALTER TABLE ${q('ledger_record')} ALTER COLUMN content TYPE bytea USING CASE WHEN ${WELL_FORMED} THEN ${AS_BYTES} ELSE convert_to(content, 'UTF8') END`);
  }

  async down(): Promise<void> {
    throw new Error('the ledger’s content in bytes is not undone by a migration: restore the backup taken before it');
  }
}

import type { DataSource } from 'typeorm';
import type { LedgerEntry } from '../ledger-entry.js';
import { canonicalJson, sealCanonicalBytes } from '../ledger-hash.js';
import { encodeContentBytes } from '../store/content-codec.js';
import { indexCommitment, INDEX_KEY } from '../store/index-commitment.js';
import { FIELD_COLUMNS, fieldRows, fieldValues, indexColumns, RECORD_COLUMNS, recordValues, SUBJECT_COLUMNS, subjectRows, subjectValues } from '../store/ledger-columns.js';

/**
 * For specs (never built into dist): records as an insider with write
 * access to the database could append them after a chain's head, sealed
 * so that the hash chain holds and the index commitment matches the rows
 * stored, while the content says otherwise. What only deep verification
 * (chain.check.ts ChainChecks) can find.
 */
export type Forgery =
  /** The honest entry, its data-subject rows left out of the database and of the commitment: the exchange hidden from "who read this person's data". */
  | { kind: 'subjects-hidden'; entry: LedgerEntry }
  /** Text that is no JSON at all behind a commitment to the entry's rows. */
  | { kind: 'not-json'; entry: LedgerEntry }
  /** The entry's JSON with a line break before its last brace: not the canonical text a writer seals (an export would re-hash another text). */
  | { kind: 'not-canonical'; entry: LedgerEntry }
  /** The entry's JSON with a byte that is no UTF-8 in a string: read as text, it becomes U+FFFD, whose JSON is canonical. */
  | { kind: 'not-utf8'; entry: LedgerEntry };

/** Appends the forged record after `head` (SQLite: run behind the append-only triggers' back); answers its hash. */
export async function appendForged(dataSource: DataSource, chain: string, head: { seq: number; hash: string }, forgery: Forgery, ranks: ReadonlyMap<string, number>): Promise<string> {
  const seq = head.seq + 1;
  const { entry } = forgery;
  const columns = indexColumns(entry);
  const fields = fieldRows(chain, seq, entry, ranks);
  const subjects = forgery.kind === 'subjects-hidden' ? [] : subjectRows(chain, seq, entry);
  const committed = canonicalJson({ ...entry, [INDEX_KEY]: indexCommitment(columns, fields, subjects) });
  const content = forgery.kind === 'not-json' ? `${committed.slice(0, committed.indexOf(',') + 1)} not json` : forgery.kind === 'not-canonical' ? `${committed.slice(0, -1)}\n}` : committed;
  const bytes = Buffer.from(content);
  if (forgery.kind === 'not-utf8') bytes[bytes.indexOf('"exchangeId":"') + '"exchangeId":"'.length] = 0xff;
  const hash = sealCanonicalBytes(head.hash, chain, seq, bytes);
  const insert = (table: string, names: readonly string[], values: unknown[]) =>
    dataSource.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, values);
  for (const { name } of (await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")) as Array<{ name: string }>) {
    await dataSource.query(`DROP TRIGGER ${name}`);
  }
  await insert(
    'ledger_record',
    RECORD_COLUMNS,
    recordValues({ chain, seq, previousHash: head.hash, hash, content, ...columns }, () => encodeContentBytes(bytes)),
  );
  for (const row of fields) await insert('ledger_field', FIELD_COLUMNS, fieldValues(row));
  for (const row of subjects) await insert('ledger_subject', SUBJECT_COLUMNS, subjectValues(row));
  return hash;
}

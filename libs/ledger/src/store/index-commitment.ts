import { hash } from 'node:crypto';
import type { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import type { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';

/**
 * A record's index commitment: what the writer stored to search it by —
 * the searchable columns of its record row, its field rows and its
 * data-subject rows — digested and sealed inside its content, under the
 * member `@index`.
 *
 * Verification must show that every stored index row is what the record's
 * content says (an insider who deletes a subject row hides an exchange from
 * "who read this person's data" without touching any hash). Re-deriving the
 * rows from the content means parsing every record's JSON, which was the
 * largest single cost of verifying one. With the commitment, the stored
 * rows are digested as they are read and compared with the sealed digest;
 * the content is parsed only for a record sealed before commitments, or to
 * say exactly what differs when the digests do not match.
 *
 * What verification proves is therefore: the content is the sealed one
 * (its hash), and the stored rows are those its writer derived from it and
 * sealed with it. It no longer re-derives the rows from the content, nor
 * parses content whose digest matches: a writer whose rows differed from
 * its content, or sealed text that is no entry, would pass. The writer
 * never seals one (sealEntries derives the digest from the entry it seals,
 * as canonical JSON); a hand in the database that rewrote a record a
 * checkpoint covered must seal it again, which the checkpoints and
 * witnesses catch, but one that appends records (or reseals the tail no
 * checkpoint covers yet) can seal such a record. Deep verification
 * (chain.check.ts ChainChecks, `ledger verify --deep`) derives every
 * record's rows from its content as well and finds it. Records are still
 * parsed when they are read, exported or archived.
 *
 * It is taken over the values as the tables store them (the columns
 * already fitted to their widths, the level ranks of field rows as the
 * catalog ranked them when the record was written), so what it proves does
 * not depend on today's configuration: the rows are as they were written.
 *
 * `@` sorts before every letter, so the canonical JSON (RFC 8785, members
 * in code-unit order) of a committed entry begins with the member: read
 * from the content's first characters, without parsing it. A string value
 * cannot forge that beginning (its quotes are escaped), and the content
 * read is the sealed one byte for byte once its hash matched.
 */
export const INDEX_KEY = '@index';

/**
 * The form of the digest, sealed in front of it. Version 1 digests the rows
 * as this version of the store packs them (field lists, owner lists): a
 * later change to how rows are packed seals a new version, and keeps
 * computing this one for the records sealed under it. Content under a
 * version this code does not know is checked by deriving its rows from it.
 */
const VERSION = 'v1.';

const HEAD = `{"${INDEX_KEY}":"${VERSION}`;
const HEAD_BYTES = Buffer.from(HEAD);

/** 22 base64url characters: the first 132 bits of a SHA-256 digest (a second preimage stays out of reach). */
const LENGTH = 22;

/** Where the sealed value (version and digest) begins in the content. */
const VALUE_AT = HEAD.length - VERSION.length;

const QUOTE = 0x22;

export type IndexedColumns = Pick<LedgerRecordEntity, 'exchangeId' | 'kind' | 'startedAt' | 'system' | 'department' | 'purpose' | 'decision' | 'maxLevelRank' | 'traceId' | 'operationHash'>;
export type IndexedField = Pick<LedgerFieldEntity, 'owner' | 'startedAt' | 'grade' | 'fields'>;
export type IndexedSubject = Pick<LedgerSubjectEntity, 'token' | 'startedAt' | 'owners'>;

/**
 * The commitment to a record's index rows. The rows of a record are taken
 * in order of their key (owner, token), whatever order they were derived or
 * read in; their chain and seq are not in it (verification reads each
 * record's rows by exactly those).
 */
export function indexCommitment(columns: IndexedColumns, fields: readonly IndexedField[], subjects: readonly IndexedSubject[]): string {
  const text = JSON.stringify([
    columns.exchangeId,
    columns.kind,
    columns.startedAt,
    columns.system,
    columns.department,
    columns.purpose,
    columns.decision,
    columns.maxLevelRank,
    columns.traceId,
    columns.operationHash,
    inOrder(fields, 'owner').map((row) => [row.owner, row.startedAt, row.grade, row.fields]),
    inOrder(subjects, 'token').map((row) => [row.token, row.startedAt, row.owners]),
  ]);
  return VERSION + hash('sha256', text, 'base64url').slice(0, LENGTH);
}

/** The commitment a record's canonical content (as text or as its UTF-8 bytes) seals, or null for content sealed without one of this version. */
export function committedIndex(content: string | Uint8Array): string | null {
  if (typeof content === 'string') {
    return content.startsWith(HEAD) && content.charCodeAt(HEAD.length + LENGTH) === QUOTE ? content.slice(VALUE_AT, HEAD.length + LENGTH) : null;
  }
  if (content.length <= HEAD.length + LENGTH || content[HEAD.length + LENGTH] !== QUOTE) return null;
  for (let i = 0; i < HEAD.length; i++) if (content[i] !== HEAD_BYTES[i]) return null;
  // The version's and the digest's characters are ASCII, one byte each.
  return Buffer.from(content.buffer, content.byteOffset + VALUE_AT, VERSION.length + LENGTH).toString('latin1');
}

/** Rows by their key, compared as code units (the database's collation may order them otherwise); unique within a record. */
function inOrder<T, K extends keyof T>(rows: readonly T[], key: K): readonly T[] {
  if (rows.length < 2) return rows;
  return [...rows].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

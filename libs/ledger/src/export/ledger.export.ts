import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { ExchangeEntry, LedgerEntry } from '../ledger-entry.js';
import type { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import { canonicalJson } from '../ledger-hash.js';
import { RECORD_HEAD_COLUMNS } from '../store/ledger-columns.js';
import type { LedgerReader } from '../store/ledger.reader.js';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRange {
  /** ISO instants; records that started in [from, to). */
  from?: string;
  to?: string;
  /** Instead of a time range: these runs of seq numbers, chain by chain (a prune's archive). */
  spans?: ReadonlyArray<{ chain: string; lo: number; hi: number }>;
}

const CSV_COLUMNS = [...RECORD_HEAD_COLUMNS, 'max_level', 'fields_served', 'fields_masked', 'fields_denied', 'owners', 'pii_served', 'error_codes', 'trace_id', 'hash', 'caller_verified'];

/**
 * The ledger as a stream, page by page from the database (a month of
 * records is never held in memory).
 *   ndjson: a first line saying what range it holds, one line per record —
 *           its place, seals and the sealed entry exactly as stored — then
 *           every signed checkpoint, so an archive verifies on its own;
 *   csv:    one row per record, for spreadsheets.
 */
export function exportLedger(store: LedgerReader, range: ExportRange, format: ExportFormat): Readable {
  if (format === 'ndjson') return Readable.from(ndjson(store, range));
  const rows = Readable.from(csvRows(store, range), { objectMode: true });
  return rows.pipe(stringify({ header: true, columns: CSV_COLUMNS, cast: { string: neutralised } }));
}

async function* ndjson(store: LedgerReader, range: ExportRange): AsyncGenerator<string> {
  // Whether the export holds every record: only then is a chain that checkpoints name but the export lacks a removed chain.
  yield `${JSON.stringify({ type: 'export', whole: !range.from && !range.to && !range.spans, from: range.from ?? null, to: range.to ?? null })}\n`;
  for await (const record of store.records(range)) yield recordLine(record);
  // Every checkpoint (they are small): the export verifies on its own, the sequence linked from number 1.
  for (const { number, previousHash, hash, kid, signedAt, jws } of await store.checkpoints()) {
    yield `${JSON.stringify({ type: 'checkpoint', number, previousHash, hash, kid, signedAt, jws })}\n`;
  }
  // And the time stamps outside authorities gave them.
  for (const { number, authority, stampedAt, token } of await store.stamps()) {
    yield `${JSON.stringify({ type: 'stamp', number, authority, stampedAt, token })}\n`;
  }
}

/**
 * A record's line. `entry` is the stored canonical JSON, verbatim:
 * re-hashing it reproduces the seal. Stored text that is not one JSON value
 * on one line was written by no gateway (a hand in the database): spliced
 * in, it could add members to the line or split it, so it goes as a string,
 * `unreadable`, which the export's verification re-hashes as it is and
 * reports (archive.verifier.ts).
 */
function recordLine(record: LedgerRecordEntity): string {
  const place = `{"type":"record","chain":${JSON.stringify(record.chain)},"seq":${record.seq},"previousHash":${JSON.stringify(record.previousHash)},"hash":${JSON.stringify(record.hash)}`;
  return oneJsonLine(record.content) ? `${place},"entry":${record.content}}\n` : `${place},"unreadable":${JSON.stringify(record.content)}}\n`;
}

/** The text a record line says was sealed: its entry's canonical JSON, or the text it carries as it was stored (recordLine). */
export function sealedText(line: { entry?: unknown; unreadable?: unknown }): string {
  return typeof line.unreadable === 'string' ? line.unreadable : canonicalJson(line.entry ?? null);
}

function oneJsonLine(text: string): boolean {
  // Canonical JSON has no raw line break (those in strings are escaped); JSON with one between its tokens still parses.
  if (text.includes('\n') || text.includes('\r')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function* csvRows(store: LedgerReader, range: ExportRange): AsyncGenerator<Record<string, unknown>> {
  for await (const record of store.records(range)) yield csvRow(record);
}

function csvRow(record: LedgerRecordEntity): Record<string, unknown> {
  const entry = readableEntry(record.content);
  const exchange = entry?.kind === 'exchange' ? (entry as ExchangeEntry) : null;
  const count = (outcome: string) => exchange?.fields.filter((field) => field.outcome === outcome).length ?? '';
  return {
    chain: record.chain,
    seq: record.seq,
    exchange_id: record.exchangeId,
    kind: record.kind,
    started_at: record.startedAt,
    system: record.system ?? '',
    department: record.department ?? '',
    purpose: record.purpose ?? '',
    decision: record.decision,
    max_level: exchange?.grade.maxLevel ?? '',
    fields_served: count('served'),
    fields_masked: count('masked'),
    fields_denied: count('denied'),
    owners: exchange ? [...new Set(exchange.fields.map((field) => field.owner))].sort().join(' ') : '',
    pii_served: exchange
      ? Object.entries(exchange.grade.piiServed)
          .map(([kind, n]) => `${kind}=${n}`)
          .join(' ')
      : '',
    // A record whose content no gateway wrote is still a row (its columns), said to be unreadable: the export goes on.
    error_codes: entry === null ? 'CONTENT_UNREADABLE' : (exchange?.errorCodes.join(' ') ?? ''),
    trace_id: record.traceId ?? '',
    hash: record.hash,
    // Unauthenticated callers' claims were never verified: the system column is what they sent. A verified caller's
    // refused purpose is what it asked for (PURPOSE_NOT_ALLOWED in error_codes), not what it was granted.
    caller_verified: exchange ? String(exchange.caller.verified) : '',
  };
}

function readableEntry(content: string): LedgerEntry | null {
  try {
    const entry = JSON.parse(content) as LedgerEntry | null;
    return typeof entry === 'object' && entry !== null ? entry : null;
  } catch {
    return null;
  }
}

/**
 * A cell a spreadsheet would run as a formula (OWASP CSV injection: leading
 * `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, so it
 * is shown as the text it is. Unauthenticated callers choose some of these
 * values (system, purpose).
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

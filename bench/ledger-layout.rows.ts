/**
 * The rows of the candidate layout (ledger-layout.bench.ts) for one entry:
 * names as small integers from one name table, times as integer
 * milliseconds, hashes as bytes, the content compressed exactly as the
 * ledger stores it, and field and subject rows that refer to their record
 * by one integer id.
 */
import { canonicalJson, encodeContentBytes, sealCanonical, type ExchangeEntry } from '#ledger';

const OUTCOMES = ['served', 'masked', 'denied'];

/** Names as the candidate stores them: each distinct name once, rows hold its number. */
export class NameTable {
  readonly names = new Map<string, number>();

  id(name: string | null | undefined): number | null {
    if (name === null || name === undefined) return null;
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.names.size + 1;
      this.names.set(name, id);
    }
    return id;
  }
}

export interface LayoutRows {
  record: unknown[];
  fields: unknown[][];
  subjects: unknown[][];
  hash: string;
}

const bytesOfHex = (hex: string | null | undefined) => (hex ? Buffer.from(hex, 'hex') : null);

/** One sealed record after `previousHash` at `seq`, as the candidate's rows; `id` is the record's number in the whole ledger. */
export function layoutRows(id: number, chain: string, seq: number, previousHash: string, entry: ExchangeEntry, names: NameTable, ranks: ReadonlyMap<string, number>): LayoutRows {
  const content = canonicalJson(entry);
  const hash = sealCanonical(previousHash, chain, seq, content);
  const at = Date.parse(entry.startedAt);
  const record = [
    id,
    names.id(chain),
    seq,
    at,
    names.id(entry.caller.system),
    names.id(entry.caller.department),
    names.id(entry.purpose),
    names.id(entry.decision),
    entry.grade.maxLevelRank,
    names.id(entry.kind),
    entry.exchangeId,
    bytesOfHex(entry.traceId),
    bytesOfHex(entry.operation.hash),
    bytesOfHex(previousHash),
    bytesOfHex(hash),
    encodeContentBytes(content),
  ];
  const byOwner = new Map<string, ExchangeEntry['fields']>();
  for (const field of entry.fields) byOwner.set(field.owner, [...(byOwner.get(field.owner) ?? []), field]);
  const fields = [...byOwner].map(([owner, of]) => {
    const grade = Math.max(-1, ...of.filter((field) => field.outcome !== 'denied').map((field) => ranks.get(field.level) ?? 3));
    const list = Buffer.from(of.flatMap((field) => [names.id(field.coordinate)!, (ranks.get(field.level) ?? 3) + 1, OUTCOMES.indexOf(field.outcome)]));
    return [id, at, names.id(owner), grade, list];
  });
  // A token is `<key id>.<128-bit keyed hash>`: the candidate keeps the hash's 16 bytes (a lookup computes the token under every key anyway).
  const subjects = (entry.subjects ?? []).map((subject) => [
    id,
    at,
    Buffer.from(subject.token.slice(subject.token.indexOf('.') + 1), 'base64url'),
    Buffer.from(subject.owners.map((owner) => names.id(owner)!)),
  ]);
  return { record, fields, subjects, hash };
}

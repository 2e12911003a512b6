import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * How a record's content is stored: its canonical JSON, compressed.
 *
 * A record's canonical JSON is about 2 KB for the demo's exchanges, most of
 * it the same keys and vocabulary in every record. Stored as is, SQLite
 * fits one record per 4 KB page and PostgreSQL does not compress it (its
 * TOAST threshold is 2 KB). Deflate (Node's zlib, raw format) with a preset
 * dictionary of that vocabulary stores the same text in about a tenth.
 *
 * The stored form is the deflated bytes after a version byte (1), in a
 * column of bytes: a BLOB in SQLite's column (its columns hold any type),
 * `bytea` on PostgreSQL (migration 1765600000000-content-bytes.ts). Records
 * written before are read as they are: canonical JSON, which always begins
 * with `{`, and the text form `z1.` + base64url(deflate-raw(canonical JSON,
 * DICTIONARY_V1)) that both databases stored first, a third larger (SQLite
 * keeps such rows as text; PostgreSQL's migration turned them into the
 * bytes form). The seal is over the canonical JSON, never over the stored
 * form, so the form can change without touching any chain.
 *
 * DICTIONARY_V1 must never change: every record stored with it needs it to
 * be read. A better dictionary is a new version (`z2.`, byte 2) beside it.
 */
const V1 = 'z1.';
const BYTES_V1 = 1;

// The keys of exchange, admin and governance entries in canonical (sorted)
// order, then the demo's vocabulary: deflate finds the nearest match first,
// so the commonest strings come last.
const DICTIONARY_V1 = Buffer.from(
  [
    '{"action":"put","actor":"","after":{},"at":"","before":null,"exchangeId":"","kind":"policy-change","policyVersion":1,"subject":""}',
    '{"clientAddress":"","decision":"ALLOWED","endedAt":"","errorCodes":[],"exchangeId":"","kind":"admin","operation":{"hash":"","name":null,"variablesHash":""},"roles":["auditor"],"startedAt":"","traceId":"","user":""}',
    'registry-change application approve refuse withdraw revoke seed rollback officer administrator UNAUTHENTICATED FAILED DENIED',
    'OPERATION_DENIED FORBIDDEN_FIELD BUREAU_UNAVAILABLE UNKNOWN_OWNER CLEARANCE DENIED_BY_GRANT NOT_SHARED ID_NUMBER PHONE ADDRESS NAME',
    'Query.person Query.enterprise Person.idNumber Person.name Person.phone Person.householdAddress Person.maritalStatus Enterprise.name',
    '"grade":{"maxLevel":null,"maxLevelRank":null,"piiServed":{}},"responseBytes":0,"subjects":[{"owners":["public-security"],"token":"',
    '{"bureaus":[{"bureau":"public-security","durationMs":1,"failure":null,"ok":true}],"caller":{"department":"civil-affairs","issuer":"',
    '","system":"civil-affairs.subsidy-review","tokenId":"","verified":true},"clientAddress":"127.0.0.1","decision":"PARTIAL","endedAt":"2026-',
    '","enforcement":"filter","errorCodes":["FORBIDDEN_FIELD"],"exchangeId":"","fields":[{"coordinate":"Person.subsistenceAllowance","level":"CORE","mask":null,',
    '"outcome":"denied","owner":"health","path":"","reason":"NO_GRANT","rules":["rule:no-grant"]},{"coordinate":"Person.vaccinations","level":"PUBLIC","mask":"NAME",',
    '"outcome":"masked","owner":"market-regulation","path":"","reason":null,"rules":["grant:"]},{"coordinate":"Query.person","level":"INTERNAL","mask":null,',
    '"outcome":"served","owner":"civil-affairs","path":"","reason":null,"rules":["grant:"]},{"coordinate":"Person.name","level":"SENSITIVE","mask":null,',
    '"outcome":"served","owner":"public-security","path":"","reason":null,"rules":["grant:"]}],"grade":{"maxLevel":"SENSITIVE","maxLevelRank":2,"piiServed":{"NAME":1}},',
    '"kind":"exchange","operation":{"hash":"","name":null,"variablesHash":""},"policyVersion":1,"purpose":"subsidy-eligibility","responseBytes":',
    ',"startedAt":"2026-","subjects":[{"owners":["civil-affairs","health","market-regulation","public-security"],"token":""}],"traceId":""}',
  ].join(''),
);

/**
 * zlib's default output chunk is 16 KB, allocated on every call, while a
 * record deflates to about 350 bytes and inflates to about 2 KB. Chunks of
 * 1 KB and 4 KB hold nearly every record in one (a larger one takes more
 * chunks, with the same result): about a third faster to inflate, which
 * verification does for every record, and a sixth faster to deflate, which
 * every exchange does. The compressed bytes are the same either way.
 */
const DEFLATE = { dictionary: DICTIONARY_V1, chunkSize: 1024 } as const;
const INFLATE = { dictionary: DICTIONARY_V1, chunkSize: 4096 } as const;

/** The text form of a record's canonical JSON, as both databases stored it first (read still; written by tests of that). */
export function encodeContent(canonical: string): string {
  return V1 + deflateRawSync(canonical, DEFLATE).toString('base64url');
}

/** The stored form of a record's canonical JSON (as text, or as bytes: specs store bytes that are no UTF-8). */
export function encodeContentBytes(canonical: string | Uint8Array): Buffer {
  const deflated = deflateRawSync(canonical, DEFLATE);
  // Its own memory rather than a slice of Node's shared pool: the rows cross to SQLite's commit thread, and a view copies its whole buffer.
  const stored = Buffer.allocUnsafeSlow(deflated.length + 1);
  stored[0] = BYTES_V1;
  deflated.copy(stored, 1);
  return stored;
}

/**
 * The canonical JSON a stored content holds, text or bytes (a driver's
 * Buffer, or a Uint8Array once it crossed a thread or process). A stored
 * form that does not inflate is returned as text that is not JSON (bytes as
 * `bytes:` and their base64url), and verification reports that record as
 * unreadable rather than failing the whole read.
 */
export function decodeContent(stored: string | Uint8Array): string {
  if (typeof stored !== 'string') return decodeBytes(stored);
  if (!stored.startsWith(V1)) return stored;
  try {
    return inflateRawSync(Buffer.from(stored.slice(V1.length), 'base64url'), INFLATE).toString('utf8');
  } catch {
    return stored;
  }
}

/**
 * The canonical JSON a stored content holds, as its UTF-8 bytes where it
 * was stored as bytes (verification hashes them as they are: no string is
 * made of a record whose content it never parses), else as decodeContent
 * gives it.
 */
export function decodeContentToBytes(stored: string | Uint8Array): string | Buffer {
  if (typeof stored !== 'string' && stored[0] === BYTES_V1) {
    try {
      return inflateRawSync(stored.subarray(1), INFLATE);
    } catch {
      // Told by decodeContent as what it is.
    }
  }
  return decodeContent(stored);
}

function decodeBytes(stored: Uint8Array): string {
  if (stored[0] === BYTES_V1) {
    try {
      return inflateRawSync(stored.subarray(1), INFLATE).toString('utf8');
    } catch {
      // Reported below as what it is.
    }
  } else if (stored[0] === OPEN_BRACE || stored[0] === TEXT_V1) {
    // A record stored as text before, in a column of bytes now (PostgreSQL's migration): read as the text it was.
    const text = asUtf8(stored);
    if (text !== null) return decodeContent(text);
  }
  return `bytes:${Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('base64url')}`;
}

/** The first bytes of the forms that were text: `{` of canonical JSON, `z` of `z1.`. */
const OPEN_BRACE = 0x7b;
const TEXT_V1 = V1.charCodeAt(0);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function asUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

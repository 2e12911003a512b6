import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';

/** A GraphQL request body once the envelope has checked its shape. */
export interface GraphQLRequestBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The hash of a registered operation the caller names (Apollo's `extensions.persistedQuery`), lower case; null when it names none. */
export function persistedHashOf(body: GraphQLRequestBody): string | null {
  const persisted = body.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash.toLowerCase() : null;
}

/** Why a request was refused before its operation could even be read. */
export interface EnvelopeRefusal {
  status: number;
  reason: string;
  message: string;
  headers?: Record<string, string>;
}

/** What a GraphQL endpoint answers a refused request with, after recording it. */
export type RefuseRequest = (req: Request, error: GraphQLError) => Promise<{ error: GraphQLError; ids: Record<string, string> }>;

/**
 * The HTTP envelope of a GraphQL endpoint, checked before any framework
 * reads it: POST only, a JSON body within the size limit, one operation
 * (no batches) with a string `query` (or a registered operation's hash in
 * `extensions.persistedQuery`, which must match the query when both are
 * sent), object `variables` and `extensions`,
 * a string `operationName`, and an Authorization header of bounded size;
 * JSON nested no deeper than a limit and only finite numbers (`1e400`
 * parses to Infinity, which no variable may hold and no hash can take).
 * Everything else gets BAD_REQUEST with a `reason`, the HTTP status the
 * GraphQL-over-HTTP conventions give it, and a ledger record (by `refuse`)
 * — never a framework's own error body. Nothing of the caller's token is
 * verified, so a refused request spends no token.
 */
export function requestEnvelope(limits: { bodyBytes: number; authorizationBytes: number; jsonDepth: number }, refuse: RefuseRequest): RequestHandler {
  // body-parser does the reading (streaming, size limit, charsets); its errors are translated here.
  // Bytes that are not UTF-8 are refused, not decoded into U+FFFD and forwarded (body-parser decodes leniently).
  const verify = (req: Request, _res: unknown, bytes: Buffer) => {
    if (!isUtf8(bytes)) throw Object.assign(new Error('not UTF-8'), { type: NOT_UTF8 });
    rawBodies.set(req, bytes);
  };
  const json = express.json({ limit: limits.bodyBytes, strict: false, type: () => true, verify });
  return (req: Request, res: Response, next: NextFunction) => {
    const answer = (refusal: EnvelopeRefusal) => void sendRefusal(req, res, refusal, refuse);
    const early = headerRefusal(req, limits.authorizationBytes);
    if (early) return answer(early);
    json(req, res, (error?: unknown) => {
      const refusal = error ? bodyError(error) : (valueRefusal(req.body, limits.jsonDepth, rawBodies.get(req)) ?? shapeRefusal(req.body));
      if (refusal) return answer(refusal);
      next();
    });
  };
}

const NOT_UTF8 = 'causeway.not-utf8';
/** Each body's bytes as read, for the rare check that needs the text (inexactInteger). */
const rawBodies = new WeakMap<Request, Buffer>();
/** The media types Apollo Server answers a single result in (its MEDIA_TYPES). */
const ANSWER_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;
const UNSUPPORTED_ENCODING: EnvelopeRefusal = { status: 415, reason: 'UNSUPPORTED_ENCODING', message: 'The body must be UTF-8 JSON.' };

function headerRefusal(req: Request, authorizationBytes: number): EnvelopeRefusal | null {
  if (req.method !== 'POST') return { status: 405, reason: 'METHOD_NOT_ALLOWED', message: 'Only POST is accepted here.', headers: { allow: 'POST' } };
  if (!req.is('application/json')) return { status: 415, reason: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body must be application/json.' };
  // UTF-8 only: body-parser would decode UTF-16 and UTF-7 too, a body an inspecting proxy in front reads as something else.
  const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8') return UNSUPPORTED_ENCODING;
  // Apollo Server checks Accept only after executing, then answers 406 with its own body, unrecorded: decided here first, as it decides (negotiator, by Express).
  if (req.headers.accept !== undefined && !req.accepts(ANSWER_TYPES))
    return { status: 406, reason: 'NOT_ACCEPTABLE', message: 'The answer is application/graphql-response+json or application/json, which the Accept header does not allow.' };
  if ((req.headers.authorization?.length ?? 0) > authorizationBytes)
    return { status: 400, reason: 'TOKEN_TOO_LARGE', message: `The Authorization header is longer than ${authorizationBytes} bytes.` };
  return null;
}

function bodyError(error: unknown): EnvelopeRefusal {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return { status: 413, reason: 'BODY_TOO_LARGE', message: 'The request body is larger than the gateway accepts.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return UNSUPPORTED_ENCODING;
  if (type === NOT_UTF8) return { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not UTF-8 JSON.' };
  return { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' };
}

/**
 * Every value of the body: nested at most `depthLimit` levels, every number
 * finite, and every string and member name well-formed Unicode (JSON's
 * `\ud800` escape decodes to half a character, which no UTF-8 text, hash or
 * database column can hold). Walked with a stack of its own, so that a
 * hostile depth cannot overflow the call stack here (as recursive code
 * downstream would).
 */
function valueRefusal(body: unknown, depthLimit: number, raw: Buffer | undefined): EnvelopeRefusal | null {
  const malformed: EnvelopeRefusal = {
    status: 400,
    reason: 'STRING_NOT_WELL_FORMED',
    message: 'Every string must be well-formed Unicode; the body holds an unpaired surrogate (\\uD800–\\uDFFF).',
  };
  const pending: Array<[unknown, number]> = [[body, 1]];
  // The text answers for the whole body: read once, at the first integer past 2^53 (a body of 1e20s is not re-read per value).
  let textRead = raw === undefined;
  let members = 0;
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { status: 400, reason: 'NUMBER_NOT_FINITE', message: 'Every number must be finite; the body holds one out of range.' };
    if (!textRead && typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      textRead = true;
      if (inexactInteger(raw!.toString('utf8'))) return INEXACT_INTEGER;
    }
    if (typeof value === 'string' && !value.isWellFormed()) return malformed;
    if (value === null || typeof value !== 'object') continue;
    if (depth > depthLimit) return { status: 400, reason: 'JSON_TOO_DEEP', message: `The body nests deeper than ${depthLimit} levels.` };
    if (Array.isArray(value)) {
      for (const member of value) pending.push([member, depth + 1]);
      continue;
    }
    for (const [name, member] of Object.entries(value)) {
      if (!name.isWellFormed()) return malformed;
      members++;
      pending.push([member, depth + 1]);
    }
  }
  // JSON.parse keeps the last of two members of one name; a proxy or WAF in front may read the first.
  if (raw !== undefined && membersWritten(raw) !== members) return DUPLICATE_MEMBER;
  return null;
}

const DUPLICATE_MEMBER: EnvelopeRefusal = {
  status: 400,
  reason: 'DUPLICATE_KEY',
  message: 'An object of the body names a member twice: which one counts would depend on who reads it. Send each member once.',
};

/**
 * How many members JSON text writes: its colons outside strings (each
 * member has one; nothing else outside a string is a colon). Fewer members
 * parsed than written means an object named one twice. Bytes, not text:
 * a multi-byte UTF-8 sequence never holds a quote, backslash or colon.
 */
function membersWritten(raw: Buffer): number {
  let members = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === COLON) members++;
  }
  return members;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const INEXACT_INTEGER: EnvelopeRefusal = {
  status: 400,
  reason: 'NUMBER_NOT_EXACT',
  message: 'The body writes an integer beyond 2^53, which a JSON number cannot carry exactly (an 18-digit ID number would become another): send it as a string.',
};

/**
 * Whether JSON text writes an integer, outside its strings, that a double
 * cannot hold exactly: `110105197706270614` parses to …620, and would be
 * looked up as someone else. Read from the text because the parsed value
 * cannot tell `1e20` (a float, exact as written) from 20 written digits.
 */
function inexactInteger(text: string): boolean {
  const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const [token] of bare.matchAll(/(?<![.\deE+-])-?\d{16,}(?![.\deE])/g)) if (!Number.isSafeInteger(Number(token))) return true;
  return false;
}

/** One GraphQL request: an object with a non-empty string `query`, and the optional members of the right types. */
function shapeRefusal(body: unknown): EnvelopeRefusal | null {
  const bad = (reason: string, message: string): EnvelopeRefusal => ({ status: 400, reason, message });
  if (Array.isArray(body)) return bad('BATCH_NOT_SUPPORTED', 'Send one operation per request; batches are not accepted.');
  if (body === null || typeof body !== 'object') return bad('BODY_NOT_OBJECT', 'The body must be a JSON object with a "query".');
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  if (extensions !== undefined && extensions !== null && (typeof extensions !== 'object' || Array.isArray(extensions)))
    return bad('EXTENSIONS_NOT_OBJECT', '"extensions" must be an object.');
  const persisted = persistedRefusal((extensions as Record<string, unknown> | null | undefined)?.persistedQuery, query);
  if (persisted) return persisted;
  const byHash = (extensions as Record<string, unknown> | null | undefined)?.persistedQuery !== undefined && query === undefined;
  if (!byHash && (typeof query !== 'string' || query.trim() === ''))
    return bad('QUERY_MISSING', '"query" must be a non-empty string, or a registered operation named by extensions.persistedQuery.sha256Hash.');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return bad('VARIABLES_NOT_OBJECT', '"variables" must be an object.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return bad('OPERATION_NAME_NOT_STRING', '"operationName" must be a string.');
  return null;
}

/** `extensions.persistedQuery`, when present: version 1, a SHA-256 in hex, and the hash of the text when a text is sent too. */
function persistedRefusal(persisted: unknown, query: unknown): EnvelopeRefusal | null {
  if (persisted === undefined) return null;
  const bad = (reason: string, message: string): EnvelopeRefusal => ({ status: 400, reason, message });
  const { version, sha256Hash } = (persisted ?? {}) as Record<string, unknown>;
  if (persisted === null || typeof persisted !== 'object' || version !== 1 || typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash.toLowerCase()))
    return bad('PERSISTED_QUERY_MALFORMED', '"extensions.persistedQuery" must be { "version": 1, "sha256Hash": "<64 hex digits>" }.');
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== sha256Hash.toLowerCase())
    return bad('PERSISTED_QUERY_HASH_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the SHA-256 of "query".');
  return null;
}

/** How much of a refused body is read and discarded so that the caller gets its answer rather than a reset connection. */
const DISCARD_BYTES = 1_048_576;
const DISCARD_MS = 5_000;

/**
 * Reads what is left of a refused request's body, up to a bound, and
 * throws it away. Closing a connection with unread data makes TCP reset
 * it, and a client still sending then sees the reset, not the refusal.
 */
function discardRest(req: Request): Promise<void> {
  if (req.complete || req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', count);
      req.off('end', done);
      req.off('error', done);
      resolve();
    };
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DISCARD_BYTES) {
        req.pause();
        done();
      }
    };
    const timer = setTimeout(done, DISCARD_MS);
    req.on('data', count);
    req.once('end', done);
    req.once('error', done);
    req.resume();
  });
}

async function sendRefusal(req: Request, res: Response, refusal: EnvelopeRefusal, refuse: RefuseRequest): Promise<void> {
  await discardRest(req);
  // Its HTTP status travels with it, for the access log (only the visible extensions below are answered).
  const error = new GraphQLError(refusal.message, { extensions: { code: 'BAD_REQUEST', reason: refusal.reason, http: { status: refusal.status } } });
  const answer = await refuse(req, error);
  const code = answer.error.extensions?.code;
  const status = code === 'BAD_REQUEST' ? refusal.status : Number((answer.error.extensions?.http as { status?: number } | undefined)?.status ?? 500);
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  res.status(status).type('application/json');
  // The body is not read any further: the connection may carry no more of it.
  if (!req.complete) res.setHeader('connection', 'close');
  res.send(JSON.stringify({ errors: [{ message: answer.error.message, extensions: { code, ...visible(answer.error.extensions) } }], extensions: { causeway: answer.ids } }));
}

function visible(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['reason', 'exchangeId', 'requestId']) if (typeof extensions?.[key] === 'string') out[key] = extensions[key];
  return out;
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { jsonBodyReader, mediaTypeRefusal, type EnvelopeRefusal } from './json-body.reader.js';

export type { EnvelopeRefusal } from './json-body.reader.js';

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
 * verified, so a refused request spends no token. The body is read as every
 * JSON body of the gateway is (json-body.reader.ts).
 */
export function requestEnvelope(limits: { bodyBytes: number; authorizationBytes: number; jsonDepth: number }, refuse: RefuseRequest): RequestHandler {
  const readBody = jsonBodyReader(limits);
  return (req: Request, res: Response, next: NextFunction) => {
    const answer = (refusal: EnvelopeRefusal) => void sendRefusal(req, res, refusal, refuse);
    const early = headerRefusal(req, limits.authorizationBytes);
    if (early) return answer(early);
    void readBody(req, res).then((refusal) => {
      const refused = refusal ?? shapeRefusal(req.body);
      if (refused) return answer(refused);
      next();
    });
  };
}

/** The media types Apollo Server answers a single result in (its MEDIA_TYPES). */
const ANSWER_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];

function headerRefusal(req: Request, authorizationBytes: number): EnvelopeRefusal | null {
  if (req.method !== 'POST') return { status: 405, reason: 'METHOD_NOT_ALLOWED', message: 'Only POST is accepted here.', headers: { allow: 'POST' } };
  const media = mediaTypeRefusal(req);
  if (media) return media;
  // Apollo Server checks Accept only after executing, then answers 406 with its own body, unrecorded: decided here first, as it decides (negotiator, by Express).
  if (req.headers.accept !== undefined && !req.accepts(ANSWER_TYPES))
    return { status: 406, reason: 'NOT_ACCEPTABLE', message: 'The answer is application/graphql-response+json or application/json, which the Accept header does not allow.' };
  if ((req.headers.authorization?.length ?? 0) > authorizationBytes)
    return { status: 400, reason: 'TOKEN_TOO_LARGE', message: `The Authorization header is longer than ${authorizationBytes} bytes.` };
  return null;
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

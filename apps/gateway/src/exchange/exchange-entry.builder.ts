import type { GraphQLRequestContext } from '@apollo/server';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import { decodeJwt } from 'jose';
import type { IncomingMessage } from 'node:http';
import type { Catalog } from '#catalog';
import { wellFormedPurpose } from '#identity';
import { canonicalJson, gradeResponse, sha256, type ExchangeDecision, type ExchangeEntry, type FieldOutcome, type PendingEntry } from '#ledger';
import type { ExchangeContext, GatewayContext } from './exchange.context.js';
import { REFUSAL_CODES } from './exchange.errors.js';
import { nameRedactions, redactedName, redactedOperation, redactedPath, redactedText, redactedVariables, redactedClaim } from './operation-redaction.js';

/** Longest operation text stored when it did not even parse. */
const MAX_RAW_OPERATION = 65_536;

export interface BuiltEntry {
  entry: ExchangeEntry;
  operation: PendingEntry['operation'];
}

/** The record of an exchange that ran (it was admitted), from what the pipeline learned and the answer about to be released. */
export function exchangeEntry(
  exchange: ExchangeContext,
  request: GraphQLRequestContext<GatewayContext>,
  result: FormattedExecutionResult | null,
  catalog: Catalog | null,
  options: { recordVariables: boolean; keyedHash: (text: string) => string },
): BuiltEntry {
  const errorCodes = codesOf(result?.errors);
  const refused = errorCodes.includes('OPERATION_DENIED');
  const fields: Array<FieldOutcome & { levelRank: number; pii: string | null; keys: readonly string[] }> = (exchange.policy?.fields ?? []).flatMap((field) =>
    field.decisions.map((decision) => {
      const entry = catalog?.lookupCoordinate(decision.coordinate);
      const served = field.allowed && !refused;
      return {
        // As answered: the grade finds the values by it. Stored redacted (below).
        path: field.path.join('.'),
        keys: field.path,
        coordinate: decision.coordinate,
        owner: entry?.owner ?? 'unknown',
        level: entry?.level ?? 'unknown',
        levelRank: entry?.levelRank ?? Number.MAX_SAFE_INTEGER,
        pii: entry?.pii ?? null,
        outcome: !served ? 'denied' : decision.mask ? 'masked' : 'served',
        mask: served ? decision.mask : null,
        // A field under an interface is served only if every concrete type may be read.
        reason: !field.allowed ? (decision.denial ?? 'STRICTER_TYPE_DENIED') : refused ? 'OPERATION_DENIED' : null,
        rules: decision.rules,
      };
    }),
  );
  const hasData = result?.data !== null && result?.data !== undefined;
  const grade = gradeResponse(hasData && !refused ? result!.data : null, fields);
  const variables = request.request.variables ?? {};
  const { operation, names } = operationDocument(exchange, request);
  return {
    entry: {
      ...entryHeader(exchange, NO_CLAIMS),
      purpose: exchange.principal?.purpose ?? null,
      operation: {
        name: nameOf(exchange.operationName ?? request.request.operationName ?? null, names),
        hash: operation?.hash ?? null,
        // Keyed: an unkeyed hash of `{"id": "<ID number>"}` is reversed by trying every number.
        variablesHash: options.keyedHash(canonicalJson(variables)),
        ...(options.recordVariables ? { variables: redactedVariables(variables) } : {}),
      },
      decision: decide(errorCodes, fields, hasData),
      enforcement: exchange.policy?.mode ?? null,
      policyVersion: exchange.policy?.version ?? null,
      // Response keys are the caller's aliases, which can carry an identifier: stored as the stored operation names them.
      fields: fields.map(({ levelRank: _rank, pii: _pii, keys, ...field }) => ({ ...field, path: redactedPath(keys, names) })),
      bureaus: exchange.fetches.map((fetch) => ({ bureau: fetch.bureau, ok: fetch.ok, durationMs: Math.round(fetch.durationMs * 10) / 10, failure: fetch.failure ?? null })),
      errorCodes,
      grade,
      responseBytes: result ? Buffer.byteLength(JSON.stringify(result)) : 0,
      ...(exchange.subjects && exchange.subjects.length > 0 && hasData && !refused ? { subjects: exchange.subjects } : {}),
    },
    operation,
  };
}

/**
 * The record that an answer whose record committed never reached its
 * caller (the connection closed first: the caller went away, or shutdown
 * cut it): the released record stands, and this one, with an id of its own
 * naming the exchange, says the data did not leave. Nothing was served.
 */
export function undeliveredEntry(released: ExchangeEntry): ExchangeEntry {
  const { subjects: _released, ...rest } = released;
  return {
    ...rest,
    exchangeId: `${released.exchangeId}.undelivered`,
    endedAt: new Date().toISOString(),
    decision: 'FAILED',
    fields: [],
    bureaus: [],
    errorCodes: ['UNDELIVERED'],
    grade: { maxLevel: null, maxLevelRank: null, piiServed: {} },
    responseBytes: 0,
  };
}

/** The record of an exchange refused before it ran (not authenticated, purpose refused, graph not ready), with what is known. */
export function refusedEntry(exchange: ExchangeContext, request: IncomingMessage, code: string): BuiltEntry {
  const claims = unverifiedClaims(request.headers.authorization);
  // A verified system refused its purpose: the purpose it asked for, never one it was granted (its token's, say).
  const purpose = exchange.verifiedCaller
    ? storedPurpose(exchange.verifiedCaller.refusedPurpose)
    : (storedPurpose(headerValue(request.headers['x-causeway-purpose'])) ?? storedPurpose(claims.purpose));
  return {
    entry: {
      ...entryHeader(exchange, claims),
      purpose: exchange.principal?.purpose ?? purpose,
      operation: { name: null, hash: null, variablesHash: null },
      decision: decide([code], [], false),
      enforcement: null,
      policyVersion: null,
      fields: [],
      bureaus: [],
      errorCodes: [code],
      grade: { maxLevel: null, maxLevelRank: null, piiServed: {} },
      responseBytes: 0,
    },
    operation: null,
  };
}

/** What every exchange record starts with: its id, times, caller, trace and client. */
function entryHeader(exchange: ExchangeContext, claims: Claims): Pick<ExchangeEntry, 'kind' | 'exchangeId' | 'startedAt' | 'endedAt' | 'caller' | 'traceId' | 'clientAddress'> {
  return {
    kind: 'exchange',
    exchangeId: exchange.id,
    startedAt: exchange.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    caller: callerOf(exchange, claims),
    traceId: exchange.traceId,
    clientAddress: exchange.clientAddress,
  };
}

const REFUSALS: ReadonlySet<string> = new Set(REFUSAL_CODES);

function decide(codes: readonly string[], fields: readonly FieldOutcome[], hasData: boolean): ExchangeDecision {
  if (codes.some((code) => REFUSALS.has(code))) return 'DENIED';
  if (codes.includes('UNAUTHENTICATED')) return 'UNAUTHENTICATED';
  if (!hasData) return 'FAILED';
  if (fields.length > 0 && fields.every((field) => field.outcome === 'denied')) return 'DENIED';
  if (fields.some((field) => field.outcome === 'denied') || codes.length > 0) return 'PARTIAL';
  return 'ALLOWED';
}

function codesOf(errors: FormattedExecutionResult['errors']): string[] {
  return [...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))].sort();
}

/**
 * The operation as the caller sent it — normalised, with the values it
 * wrote inline redacted (operation-redaction.ts); raw text, redacted too,
 * if it did not parse — and the hash of what is stored, with the names
 * redacted in it (the record's operation name and paths use the same). A
 * parsed document is printed and hashed once: Apollo Server hands every
 * request with the same text the same DocumentNode.
 */
function operationDocument(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): { operation: PendingEntry['operation']; names: ReadonlyMap<string, string> } {
  if (exchange.document) {
    let printed = printedDocuments.get(exchange.document);
    if (!printed) {
      const names = nameRedactions(exchange.document);
      const text = redactedOperation(exchange.document, names);
      printedDocuments.set(exchange.document, (printed = { operation: { hash: sha256(text), document: text }, names }));
    }
    return printed;
  }
  const raw = (request.source ?? request.request.query)?.slice(0, MAX_RAW_OPERATION);
  const text = raw ? redactedText(raw) : null;
  return { operation: text ? { hash: sha256(text), document: text } : null, names: NO_NAMES };
}

function nameOf(name: string | null, names: ReadonlyMap<string, string>): string | null {
  return name === null ? null : redactedName(name, names);
}

const printedDocuments = new WeakMap<DocumentNode, { operation: { hash: string; document: string }; names: ReadonlyMap<string, string> }>();
const NO_NAMES: ReadonlyMap<string, string> = new Map();

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

type Claims = { iss: string | null; sub: string | null; jti: string | null; purpose: string | null };
const NO_CLAIMS: Claims = { iss: null, sub: null, jti: null, purpose: null };

/** Who called: the authenticated principal, else what its token claimed (marked unverified). */
function callerOf(exchange: ExchangeContext, claims: Claims): ExchangeEntry['caller'] {
  const known = exchange.principal ?? exchange.verifiedCaller;
  return {
    system: known?.system ?? claims.sub,
    department: known?.department ?? null,
    issuer: known?.issuer ?? claims.iss,
    tokenId: known?.tokenId ?? claims.jti,
    verified: known !== undefined,
  };
}

/** A refused purpose as a record keeps it: a purpose's name that carries no identifier (it is what the caller wrote), else null. */
function storedPurpose(value: string | null | undefined): string | null {
  const name = wellFormedPurpose(value);
  return name !== null && redactedClaim(name) === name ? name : null;
}

/** What a refused token claimed, unverified, for the record only (never trusted for anything else). */
function unverifiedClaims(authorization: string | undefined): Claims {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return NO_CLAIMS;
  try {
    const claims = decodeJwt(token);
    // Whatever the token says, an identifier in it is not stored in clear (a `sub` can be anything a caller wrote).
    const text = (value: unknown) => (typeof value === 'string' ? redactedClaim(value.slice(0, 128)) : null);
    return { iss: text(claims.iss), sub: text(claims.sub) ?? text(claims.client_id), jti: text(claims.jti), purpose: text(claims.purpose) };
  } catch {
    return NO_CLAIMS;
  }
}

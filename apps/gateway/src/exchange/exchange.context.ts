import type { Context as TraceContext } from '@opentelemetry/api';
import type { ServerResponse } from 'node:http';
import type { DocumentNode } from 'graphql';
import type { Principal, VerifiedCaller } from '#identity';
import type { ResponseGrade, SubjectRelease } from '#ledger';
import type { DecidedField, PiiLookup } from '#policy';
import type { EnforcementMode } from '../gateway.config.js';

/** One call the gateway made to a bureau while serving an exchange. */
export interface BureauFetchRecord {
  bureau: string;
  ok: boolean;
  durationMs: number;
  /** Why it failed: `unreachable`, `timeout`, `http-503`, …; absent when ok. */
  failure?: string;
}

/**
 * Everything the pipeline learns about one exchange (one GraphQL operation
 * from one caller): admit adds the principal, check the operation, decide
 * the field decisions, forward the bureau calls; the record phase builds
 * the ledger entry from it (exchange-entry.builder.ts).
 */
export interface ExchangeContext {
  id: string;
  /** The authenticated caller; absent only while the exchange is being admitted. */
  principal?: Principal;
  /** A caller whose token was verified but whose purpose was refused: recorded as who it is, never a principal. */
  verifiedCaller?: VerifiedCaller;
  startedAt: Date;
  clientAddress: string | null;
  /** The HTTP response the answer goes out on, to learn whether it was delivered. */
  httpResponse: ServerResponse | null;
  /** The exchange's OpenTelemetry context (the gateway's server span), passed on explicitly to bureau calls. */
  traceContext?: TraceContext;
  traceId: string | null;
  operationName: string | null;
  /** The operation as the caller sent it (before any field was filtered out); absent if it did not parse. */
  document?: DocumentNode;
  fetches: BureauFetchRecord[];
  /** The field decisions for the operation; absent until decided (or when refused before). */
  policy?: {
    version: number;
    mode: EnforcementMode;
    /** The fields the request executes, decided (field-inclusion.ts): what is answered, refused and recorded. */
    fields: DecidedField[];
    /** Every field the operation selects, decided as if included: what the bureaus may be asked (a planner may fetch a field it skips). */
    decided: DecidedField[];
    /** Denied fields were cut from the operation (placeholders to remove from the answer). */
    filtered: boolean;
  };
  /** Lookups by personal-information values the operation makes (decide phase). */
  lookups?: PiiLookup[];
  /** Grants with a daily volume (a condition of their approval) this exchange draws on: UsageStage counts it against each. */
  volumeGrants?: Array<{ id: string; dailyLimit: number }>;
  /** Response keys added to learn whom the answer is about (decide phase; subject.stage.ts). */
  subjectAliases?: ReadonlyMap<string, { typeName: string; fieldName: string }>;
  /** Whom the answer released data about, as keyed hashes (shape phase). */
  subjects?: SubjectRelease[];
  /** What the released answer served, as recorded (record phase). */
  grade?: ResponseGrade;
  /** The decision and error codes of the exchange's record, once recorded (record or refuse phase). */
  recorded?: { decision: string; errorCodes: string[] };
}

/** The GraphQL context value of every gateway request. */
export interface GatewayContext {
  exchange: ExchangeContext;
}

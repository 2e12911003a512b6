/**
 * What the ledger records. One entry per exchange — allowed, partial,
 * denied, failed or unauthenticated — and one per governance change; an
 * entry is immutable once committed and covered by its chain's hashes.
 */

/** How an exchange ended, as a whole. */
export const EXCHANGE_DECISIONS = ['ALLOWED', 'PARTIAL', 'DENIED', 'FAILED', 'UNAUTHENTICATED'] as const;
export type ExchangeDecision = (typeof EXCHANGE_DECISIONS)[number];

/** One field an operation selected, as it was decided and served. */
export interface FieldOutcome {
  /** Response path (aliases), e.g. `resident.mobile`. */
  path: string;
  coordinate: string;
  owner: string;
  level: string;
  /** served in clear, served masked, or denied (null in the answer, or the operation refused). */
  outcome: 'served' | 'masked' | 'denied';
  mask: string | null;
  /** Denial reason (CLEARANCE, NO_GRANT, …) for denied fields. */
  reason: string | null;
  /** What decided: `grant:<id>` or `rule:<name>`. */
  rules: string[];
}

export interface BureauContact {
  bureau: string;
  ok: boolean;
  durationMs: number;
  failure: string | null;
}

/** The gravity of what an answer released. */
export interface ResponseGrade {
  /** Highest classification level among the fields served (null: nothing served). */
  maxLevel: string | null;
  maxLevelRank: number | null;
  /** Distinct values served per PII kind, e.g. { ID_NUMBER: 120, PHONE: 118 }: many is graver than one. */
  piiServed: Record<string, number>;
}

export interface ExchangeEntry {
  kind: 'exchange';
  exchangeId: string;
  startedAt: string;
  endedAt: string;
  /**
   * Who called: `verified` when its token was (its purpose may still have been refused: PURPOSE_NOT_ALLOWED); for an
   * unauthenticated exchange, whatever the token claimed (unverified, identifiers redacted) or null.
   */
  caller: { system: string | null; department: string | null; issuer: string | null; tokenId: string | null; verified: boolean };
  purpose: string | null;
  operation: { name: string | null; hash: string | null; variablesHash: string | null; variables?: unknown };
  decision: ExchangeDecision;
  enforcement: string | null;
  policyVersion: number | null;
  fields: FieldOutcome[];
  bureaus: BureauContact[];
  errorCodes: string[];
  grade: ResponseGrade;
  traceId: string | null;
  clientAddress: string | null;
  responseBytes: number;
  /**
   * Whom the answer released data about: one token per data subject (an
   * entity's key, e.g. a person's ID number, as a keyed hash; never in
   * clear) with the owner departments whose fields about it were served.
   * Absent when the answer released data about no identified subject.
   */
  subjects?: SubjectRelease[];
}

/** A data subject an answer released data about, as the ledger keeps it. */
export interface SubjectRelease {
  /** `<key id>.<HMAC>` of the subject's type and key (SubjectKeyring). */
  token: string;
  /** Departments whose fields about this subject were served, sorted. */
  owners: string[];
}

/** A change to who may read what: grants and the registry of systems. */
export interface GovernanceEntry {
  kind: 'policy-change' | 'registry-change' | 'application' | 'calendar' | 'correction';
  /** Unique id of this change (recorded as the exchange id column). */
  exchangeId: string;
  at: string;
  /** Who made it: a person, a system, or `seed` for the first start. */
  actor: string;
  action:
    | 'put'
    | 'revoke'
    | 'remove'
    | 'seed'
    | 'rollback'
    | 'apply'
    | 'approve'
    | 'refuse'
    | 'withdraw'
    // The data authority's conformity review and its ruling on an objection.
    | 'accept'
    | 'return'
    | 'resubmit'
    | 'object'
    | 'sustain'
    | 'overturn'
    | 'escalate'
    // Correction reports (校核纠错).
    | 'file'
    | 'mark'
    | 'unmark'
    | 'reject';
  /** What changed, e.g. the grant id or the application id. */
  subject: string;
  before: unknown;
  after: unknown;
  /** The policy version the change produced. */
  policyVersion: number | null;
}

/** An auditor's or officer's use of the admin API: their reads are recorded too. */
export interface AdminEntry {
  kind: 'admin';
  exchangeId: string;
  startedAt: string;
  endedAt: string;
  user: string | null;
  roles: string[];
  operation: { name: string | null; hash: string | null; variablesHash: string | null; variables?: unknown };
  decision: ExchangeDecision;
  errorCodes: string[];
  traceId: string | null;
  clientAddress: string | null;
}

export type LedgerEntry = ExchangeEntry | GovernanceEntry | AdminEntry;

/** A committed entry's place: which chain, where in it, and the hash that seals it. */
export interface LedgerPosition {
  chain: string;
  seq: number;
  hash: string;
}

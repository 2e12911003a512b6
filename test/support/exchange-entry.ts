import type { ExchangeEntry, FieldOutcome } from '#ledger';

/** One selected field as a spec writes it: refused fields carry the usual reason. */
export function fieldOutcome(coordinate: string, owner: string, level = 'INTERNAL', outcome: FieldOutcome['outcome'] = 'served'): FieldOutcome {
  return { path: coordinate.split('.')[1] ?? coordinate, coordinate, owner, level, outcome, mask: null, reason: outcome === 'denied' ? 'NO_GRANT' : null, rules: [] };
}

/** An exchange entry for specs of the ledger: a verified caller's allowed exchange at `startedAt`, changed by `rest`. */
export function exchangeEntry(exchangeId: string, startedAt: string, rest: Partial<ExchangeEntry> = {}): ExchangeEntry {
  return {
    kind: 'exchange',
    exchangeId,
    startedAt,
    endedAt: startedAt,
    caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', issuer: 'civil-affairs.subsidy-review', tokenId: null, verified: true },
    purpose: 'subsidy-eligibility',
    operation: { name: null, hash: null, variablesHash: null },
    decision: 'ALLOWED',
    enforcement: 'filter',
    policyVersion: 1,
    fields: [],
    bureaus: [],
    errorCodes: [],
    grade: { maxLevel: 'SENSITIVE', maxLevelRank: 2, piiServed: {} },
    traceId: null,
    clientAddress: null,
    responseBytes: 0,
    ...rest,
  };
}

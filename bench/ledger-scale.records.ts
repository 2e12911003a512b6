import { createHash } from 'node:crypto';
import type { ExchangeEntry, FieldOutcome } from '#ledger';

/** The chain the filled records are sealed on, and the rank of each level (the demo catalog's, lowest first). */
export const SCALE_CHAIN = 'gw-bench-scale';
export const SCALE_RANKS: ReadonlyMap<string, number> = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

/** The filled ledger spans this many days from this instant, records evenly spread. */
export const SCALE_START = '2026-01-01T00:00:00.000Z';
export const SCALE_DAYS = 30;

const CALLERS = [
  { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', purpose: 'subsidy-eligibility' },
  { system: 'health.vaccination-outreach', department: 'health', purpose: 'vaccination-outreach' },
  { system: 'market-regulation.licensing', department: 'market-regulation', purpose: 'business-licensing' },
  { system: 'public-security.household-check', department: 'public-security', purpose: 'household-verification' },
  { system: 'civil-affairs.disability-review', department: 'civil-affairs', purpose: 'disability-services' },
];

/** The fields the demo's operations select: coordinate, owner, level, and how a typical caller is served. */
const FIELDS: Array<[string, string, string, FieldOutcome['outcome'], string | null]> = [
  ['Query.person', 'public-security', 'INTERNAL', 'served', null],
  ['Person.name', 'public-security', 'SENSITIVE', 'masked', 'NAME'],
  ['Person.householdAddress', 'public-security', 'SENSITIVE', 'masked', 'ADDRESS'],
  ['Person.phone', 'public-security', 'SENSITIVE', 'denied', null],
  ['Person.maritalStatus', 'civil-affairs', 'INTERNAL', 'served', null],
  ['Person.subsistenceAllowance', 'civil-affairs', 'SENSITIVE', 'served', null],
  ['Person.vaccinations', 'health', 'SENSITIVE', 'served', null],
  ['Person.chronicConditions', 'health', 'CORE', 'denied', null],
  ['Query.enterprise', 'market-regulation', 'PUBLIC', 'served', null],
  ['Enterprise.name', 'market-regulation', 'PUBLIC', 'served', null],
];

/** Cheap deterministic mixing of an index (no state: entry i is the same in every run). */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A subject token shaped like the keyring's: an 8-character key id, a dot, 128 bits in base64url. */
function token(subject: number): string {
  return `bench-k1.${createHash('sha256').update(String(subject)).digest().subarray(0, 16).toString('base64url')}`;
}

/** A UUID-shaped id, the same in every run, as the gateway's exchange ids and callers' token ids are (randomUUID). */
function uuidOf(kind: string, i: number): string {
  const hex = createHash('sha256').update(`${kind} ${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Record `i` of `total`: a caller, four to six fields of the demo, its bureaus, one or two subjects. */
export function scaleEntry(i: number, total: number): ExchangeEntry {
  const caller = CALLERS[mix(i, 1) % CALLERS.length]!;
  const at = new Date(Date.parse(SCALE_START) + Math.floor((i * SCALE_DAYS * 86_400_000) / total)).toISOString();
  const first = mix(i, 2) % (FIELDS.length - 5);
  const count = 4 + (mix(i, 3) % 3);
  const fields: FieldOutcome[] = FIELDS.slice(first, first + count).map(([coordinate, owner, level, outcome, mask]) => ({
    path: coordinate.split('.')[1]!,
    coordinate,
    owner,
    level,
    outcome,
    mask,
    reason: outcome === 'denied' ? 'NO_GRANT' : null,
    rules: [outcome === 'denied' ? 'rule:no-grant' : `grant:${owner}-${caller.department}`],
  }));
  const owners = [...new Set(fields.filter((field) => field.outcome !== 'denied').map((field) => field.owner))].sort();
  const denied = fields.some((field) => field.outcome === 'denied');
  const refused = mix(i, 4) % 50 === 0;
  return {
    kind: 'exchange',
    exchangeId: uuidOf('exchange', i),
    startedAt: at,
    endedAt: at,
    caller: { system: caller.system, department: caller.department, issuer: caller.system, tokenId: uuidOf('token', i), verified: true },
    purpose: caller.purpose,
    operation: {
      name: null,
      hash: createHash('sha256')
        .update(String(first * 10 + count))
        .digest('hex'),
      variablesHash: createHash('sha256').update(String(i)).digest('hex'),
    },
    decision: refused ? 'DENIED' : denied ? 'PARTIAL' : 'ALLOWED',
    enforcement: 'filter',
    policyVersion: 12,
    fields: refused ? fields.map((field) => ({ ...field, outcome: 'denied', mask: null, reason: 'OPERATION_DENIED' })) : fields,
    bureaus: owners.map((bureau) => ({ bureau, ok: true, durationMs: 3 + (mix(i, 5) % 40) / 10, failure: null })),
    errorCodes: refused ? ['OPERATION_DENIED'] : denied ? ['FORBIDDEN_FIELD'] : [],
    grade: { maxLevel: refused ? null : 'SENSITIVE', maxLevelRank: refused ? null : 2, piiServed: refused ? {} : { NAME: 1 } },
    traceId: createHash('md5').update(String(i)).digest('hex'),
    clientAddress: '10.0.3.17',
    responseBytes: 400 + (mix(i, 6) % 600),
    ...(refused ? {} : { subjects: [{ token: token(mix(i, 7) % 200_000), owners }] }),
  };
}

import { newModelFromString } from 'casbin';
import { UNKNOWN_OWNER, type CatalogEntry, type ClassificationScheme } from '#catalog';
import { DecisionCache } from './decision-cache.js';
import type { DecisionSubject, FieldDecision } from './field-decision.js';
import type { Grant } from './grant.js';
import { assertCasbinAgrees, type BuiltPartition } from './casbin-agreement.js';
import { GrantPartition } from './grant-partition.js';
import { targetCovers } from './grant-target.js';
import { defaultMask, type MaskKind } from './masks.js';

const REQUEST_TOKENS = ['r_field', 'r_tags', 'r_rank', 'r_purpose', 'r_now'];
const POLICY_TOKENS = ['p_id', 'p_target', 'p_maxlevel', 'p_purpose', 'p_until', 'p_eft'];

/** What one partition found: the deciding grant, if any. */
interface Match {
  grant: Grant;
  effect: 'allow' | 'deny';
}

/**
 * Field-level ABAC over the catalog, with grants matched as Casbin's model
 * (policies/model.conf) matches them.
 *
 * Casbin's `enforce()` evaluates the matcher against every policy row, and
 * with deny-override it cannot stop at the first allow (≈27 ms per call at
 * 10,000 rows on this machine class); even on small partitions its per-call
 * cost (1–20 µs) times the hundreds of partitions a 100-field operation
 * consults exceeds a millisecond. So grants are split into partitions per
 * (owner department, subject, target, purpose), each indexed by level rank
 * and validity (grant-partition.ts), and every build holds each partition's
 * index to the answer of a Casbin enforcer on the model, failing the build
 * if they differ (casbin-agreement.ts). A field can only be
 * matched by grants whose target is its coordinate, its type's wildcard,
 * its PII kind or its level, and whose purpose is the declared one or `*`,
 * so a decision consults at most sixteen small partitions (the system and
 * its department × four targets × two purposes); most of those lookups miss
 * and cost one map read. Deny-override holds across partitions: any
 * matching deny decides.
 *
 * Decisions are cached per engine (the engine is per policy version, so the
 * cache is too), keyed by the principal's attributes and purpose, then by
 * field; an entry decided by a time-limited grant expires with it.
 *
 * An engine is immutable: a policy change builds a new one off the request
 * path and the owner swaps it in one assignment (Casbin's own loadPolicy()
 * is not atomic, and overlapping reloads duplicate rows).
 *
 * The built-in rules, in order (deny overrides allow):
 *   unknown owner → deny; clearance below the field's level → deny;
 *   a matching deny grant → deny; own department → allow in clear;
 *   sharing NONE → deny; a matching allow grant → allow with its obligations;
 *   sharing UNCONDITIONAL → allow; otherwise (CONDITIONAL) → deny.
 * When several allow grants match, the most specific decides: a grant to
 * the system before one to its department, then a field target before a
 * type wildcard, a PII kind, a level, then the declared purpose before `*`.
 * PII served outside the owner department gets the default mask of its kind
 * unless the deciding grant says `clear` or names another mask.
 */
export class PolicyEngine {
  private readonly cache = new DecisionCache();

  private constructor(
    readonly version: number,
    /** Level name → rank; a name outside the scheme is absent (treated as below everything). */
    private readonly ranks: ReadonlyMap<string, number>,
    private readonly partitions: ReadonlyMap<string, BuiltPartition>,
    private readonly grants: ReadonlyMap<string, Grant>,
  ) {}

  static async build(options: {
    grants: readonly Grant[];
    model: string;
    scheme: ClassificationScheme;
    version: number;
    /** The instant at which the index is held to Casbin's answers (default: now). */
    checkedAt?: number;
  }): Promise<PolicyEngine> {
    const ranks = options.scheme.ranks;
    checkModel(options.model);
    const byPartition = new Map<string, Grant[]>();
    const grants = new Map<string, Grant>();
    for (const grant of options.grants) {
      if (grants.size % 2_000 === 1_999) await new Promise((resolve) => setImmediate(resolve));
      if (grants.has(grant.id)) throw new Error(`grant ${grant.id} appears twice`);
      grants.set(grant.id, grant);
      const key = partitionKey(grant.owner, grant.subject, grant.target, grant.purpose);
      const partition = byPartition.get(key);
      if (partition) partition.push(grant);
      else byPartition.set(key, [grant]);
    }
    const partitions = new Map<string, BuiltPartition>();
    let indexed = 0;
    for (const [key, rows] of byPartition) {
      // Built beside the engine serving exchanges: give them the event loop between slices.
      if ((indexed += rows.length) >= 2_000) {
        indexed = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const index = GrantPartition.of(
        rows.map((grant, position) => ({
          grant: position,
          maxRank: ranks.get(grant.maxLevel) ?? -1,
          until: expiry(grant),
          effect: grant.effect,
        })),
      );
      partitions.set(key, { target: rows[0]!.target, purpose: rows[0]!.purpose, grants: rows, index });
    }
    const functions = {
      fieldMatch: (field: string, tags: string, target: string): boolean => targetCovers(target, field, tags),
      levelWithin: (rank: number, maxLevel: string): boolean => rank <= (ranks.get(maxLevel) ?? -1),
      // `until` is the grant's end in epoch milliseconds ('' = open-ended).
      validAt: (until: string, now: number): boolean => until === '' || Number(until) > now,
    };
    await assertCasbinAgrees({ model: options.model, functions, partitions: partitions.values(), at: options.checkedAt ?? Date.now() });
    return new PolicyEngine(options.version, ranks, partitions, grants);
  }

  /** The grant `id` of this version, if any. */
  grant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  get grantCount(): number {
    return this.grants.size;
  }

  /** Decides one field for one caller and purpose (cached). */
  decide(subject: DecisionSubject, entry: CatalogEntry, now = Date.now()): FieldDecision {
    return this.decider(subject, now)(entry);
  }

  /**
   * A function deciding fields for one caller and purpose at one instant,
   * for an operation's many fields. With the cache (default), the
   * principal's cache partition is looked up once and each field is then
   * one map lookup.
   */
  decider(
    subject: DecisionSubject,
    now = Date.now(),
    /**
     * cache: false decides afresh. catalog: the identity of the catalog the
     * entries come from (its supergraph hash): a reclassified field is a new
     * catalog, so decisions cached under the old one are not reused.
     */
    options: { cache?: boolean; catalog?: string } = {},
  ): (entry: CatalogEntry) => FieldDecision {
    if (options.cache === false) return (entry) => this.evaluateWithExpiry(subject, entry, now).decision;
    const decisions = this.cache.forPrincipal(`${options.catalog ?? ''}\u0000${subject.department}\u0000${subject.system}\u0000${subject.clearance}\u0000${subject.purpose}`);
    return (entry) => {
      const cached = decisions.get(entry.coordinate);
      if (cached !== undefined && cached.expiresAt > now) return cached.decision;
      const evaluated = this.evaluateWithExpiry(subject, entry, now);
      decisions.set(entry.coordinate, evaluated);
      return evaluated.decision;
    };
  }

  /** Decides one field afresh, bypassing the cache (for simulations and explanations). */
  evaluate(subject: DecisionSubject, entry: CatalogEntry, now = Date.now()): FieldDecision {
    return this.evaluateWithExpiry(subject, entry, now).decision;
  }

  private evaluateWithExpiry(subject: DecisionSubject, entry: CatalogEntry, now: number): { decision: FieldDecision; expiresAt: number } {
    const result = (allowed: boolean, rule: string, extra: Partial<FieldDecision> = {}, expiresAt = Infinity) => ({
      decision: { coordinate: entry.coordinate, allowed, mask: null, denial: null, rules: [rule], policyVersion: this.version, ...extra },
      expiresAt,
    });
    if (entry.owner === UNKNOWN_OWNER) return result(false, 'rule:unknown-owner', { denial: 'UNKNOWN_OWNER' });
    // An unknown clearance ranks below everything (an unknown field level ranks above everything).
    if ((this.ranks.get(subject.clearance) ?? -1) < entry.levelRank) return result(false, 'rule:clearance', { denial: 'CLEARANCE' });

    const targets = [entry.coordinate, `${entry.typeName}.*`, ...(entry.pii ? [`pii:${entry.pii}`] : []), `level:${entry.level}`];
    // Most specific first: the system before its department, then the targets in the order above.
    const matches: Match[] = [];
    for (const who of [subject.system, subject.department]) {
      for (const target of targets) {
        for (const purpose of [subject.purpose, '*']) {
          const match = this.match(partitionKey(entry.owner, who, target, purpose), entry.levelRank, now);
          if (match) matches.push(match);
        }
      }
    }
    const deny = matches.find((match) => match.effect === 'deny');
    if (deny) return result(false, `grant:${deny.grant.id}`, { denial: 'DENIED_BY_GRANT' }, expiry(deny.grant));
    if (subject.department === entry.owner) return result(true, 'rule:own-department');
    if (entry.sharing === 'NONE') return result(false, 'rule:sharing-none', { denial: 'NOT_SHARED' });
    const allow = matches.find((match) => match.effect === 'allow');
    if (allow) return result(true, `grant:${allow.grant.id}`, { mask: maskUnder(allow.grant, entry) }, expiry(allow.grant));
    if (entry.sharing === 'UNCONDITIONAL') return result(true, 'rule:sharing-unconditional', { mask: defaultMask(entry.pii) });
    return result(false, 'rule:sharing-conditional', { denial: 'NO_GRANT' });
  }

  /** What one partition decides for a field at `rank` at `now`; most lookups miss and cost one map read. */
  private match(partition: string, rank: number, now: number): Match | null {
    const built = this.partitions.get(partition);
    const found = built?.index.decisive(rank, now);
    return found ? { grant: built!.grants[found.grant]!, effect: found.effect } : null;
  }
}

function partitionKey(owner: string, subject: string, target: string, purpose: string): string {
  return `${owner}\u0000${subject}\u0000${target}\u0000${purpose}`;
}
function expiry(grant: Grant): number {
  return grant.validUntil ? Date.parse(grant.validUntil) : Infinity;
}

function maskUnder(grant: Grant, entry: CatalogEntry): MaskKind | null {
  if (grant.obligations.includes('clear')) return null;
  const named = grant.obligations.find((obligation) => obligation.startsWith('mask:'));
  return named ? (named.slice(5) as MaskKind) : defaultMask(entry.pii);
}

/** The engine relies on the token layout of policies/model.conf; refuse a model that changed it. */
function checkModel(text: string): void {
  const model = newModelFromString(text);
  const request = model.model.get('r')?.get('r')?.tokens ?? [];
  const policy = model.model.get('p')?.get('p')?.tokens ?? [];
  if (request.join() !== REQUEST_TOKENS.join() || policy.join() !== POLICY_TOKENS.join()) {
    throw new Error(`policies/model.conf must define r = ${REQUEST_TOKENS.join(', ')} and p = ${POLICY_TOKENS.join(', ')}`);
  }
}

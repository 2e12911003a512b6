import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import { UNKNOWN_OWNER, type CatalogEntry, type ClassificationScheme } from '#catalog';
import { DecisionCache } from './decision-cache.js';
import type { DecisionSubject, FieldDecision } from './field-decision.js';
import type { Grant } from './grant.js';
import { entryTags, targetCovers } from './grant-target.js';
import { defaultMask, type MaskKind } from './masks.js';

const REQUEST_TOKENS = ['r_field', 'r_tags', 'r_rank', 'r_purpose', 'r_now'];
const POLICY_TOKENS = ['p_id', 'p_target', 'p_maxlevel', 'p_purpose', 'p_until', 'p_eft'];

/** What one partition's enforcer found: the deciding grant, if any. */
interface Match {
  grant: Grant;
  effect: 'allow' | 'deny';
}

/**
 * Field-level ABAC over the catalog, with Casbin matching grants.
 *
 * Casbin's `enforce()` evaluates the matcher against every policy row, and
 * with deny-override it cannot stop at the first allow (≈27 ms per call at
 * 10,000 rows on this machine class). So grants are split into one enforcer
 * per (owner department, subject, target, purpose): a field can only be
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
    private readonly partitions: ReadonlyMap<string, Enforcer>,
    private readonly grants: ReadonlyMap<string, Grant>,
  ) {}

  static async build(options: { grants: readonly Grant[]; model: string; scheme: ClassificationScheme; version: number }): Promise<PolicyEngine> {
    const { scheme } = options;
    const byPartition = new Map<string, Grant[]>();
    const grants = new Map<string, Grant>();
    for (const grant of options.grants) {
      if (grants.has(grant.id)) throw new Error(`grant ${grant.id} appears twice`);
      grants.set(grant.id, grant);
      const key = partitionKey(grant.owner, grant.subject, grant.target, grant.purpose);
      const partition = byPartition.get(key);
      if (partition) partition.push(grant);
      else byPartition.set(key, [grant]);
    }
    const ranks = scheme.ranks;
    const functions = {
      fieldMatch: (field: string, tags: string, target: string): boolean => targetCovers(target, field, tags),
      levelWithin: (rank: number, maxLevel: string): boolean => rank <= (ranks.get(maxLevel) ?? -1),
      // `until` is the grant's end in epoch milliseconds ('' = open-ended), parsed once at build.
      validAt: (until: string, now: number): boolean => until === '' || Number(until) > now,
    };
    checkModel(options.model);
    const partitions = new Map<string, Enforcer>();
    for (const [key, rows] of byPartition) {
      const model = newModelFromString(options.model);
      model.addPolicies(
        'p',
        'p',
        rows.map((g) => [g.id, g.target, g.maxLevel, g.purpose, g.validUntil ? String(Date.parse(g.validUntil)) : '', g.effect]),
      );
      const enforcer = await newEnforcer(model);
      for (const [name, fn] of Object.entries(functions)) await enforcer.addFunction(name, fn);
      partitions.set(key, enforcer);
    }
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
   * one map lookup. Either way, the grant partitions that do not name a
   * field (`Type.*`, `pii:KIND`, `level:LEVEL`) are matched once per level
   * rank for the whole operation: their matcher reads nothing else of the
   * field, so the 25 fields of one type at one level share one evaluation.
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
    const shared = new Map<string, Match | null>();
    if (options.cache === false) return (entry) => this.evaluateWithExpiry(subject, entry, now, shared).decision;
    const decisions = this.cache.forPrincipal(`${options.catalog ?? ''}\u0000${subject.department}\u0000${subject.system}\u0000${subject.clearance}\u0000${subject.purpose}`);
    return (entry) => {
      const cached = decisions.get(entry.coordinate);
      if (cached !== undefined && cached.expiresAt > now) return cached.decision;
      const evaluated = this.evaluateWithExpiry(subject, entry, now, shared);
      decisions.set(entry.coordinate, evaluated);
      return evaluated.decision;
    };
  }

  /** Decides one field afresh, bypassing the cache (for simulations and explanations). */
  evaluate(subject: DecisionSubject, entry: CatalogEntry, now = Date.now()): FieldDecision {
    return this.evaluateWithExpiry(subject, entry, now, new Map()).decision;
  }

  private evaluateWithExpiry(
    subject: DecisionSubject,
    entry: CatalogEntry,
    now: number,
    /** Matches of partitions not naming one field, by partition and level rank, for one instant. */
    shared: Map<string, Match | null>,
  ): { decision: FieldDecision; expiresAt: number } {
    const result = (allowed: boolean, rule: string, extra: Partial<FieldDecision> = {}, expiresAt = Infinity) => ({
      decision: { coordinate: entry.coordinate, allowed, mask: null, denial: null, rules: [rule], policyVersion: this.version, ...extra },
      expiresAt,
    });
    if (entry.owner === UNKNOWN_OWNER) return result(false, 'rule:unknown-owner', { denial: 'UNKNOWN_OWNER' });
    // An unknown clearance ranks below everything (an unknown field level ranks above everything).
    if ((this.ranks.get(subject.clearance) ?? -1) < entry.levelRank) return result(false, 'rule:clearance', { denial: 'CLEARANCE' });

    const tags = entryTags(entry);
    const targets = [entry.coordinate, `${entry.typeName}.*`, ...(entry.pii ? [`pii:${entry.pii}`] : []), `level:${entry.level}`];
    // Most specific first: the system before its department, then the targets in the order above.
    const matches: Match[] = [];
    for (const who of [subject.system, subject.department]) {
      for (const target of targets) {
        for (const purpose of [subject.purpose, '*']) {
          const partition = partitionKey(entry.owner, who, target, purpose);
          if (!this.partitions.has(partition)) continue;
          let match: Match | null;
          if (target === entry.coordinate) {
            match = this.match(partition, entry.coordinate, tags, entry.levelRank, subject.purpose, now);
          } else {
            const key = `${partition}\u0000${entry.levelRank}`;
            const known = shared.get(key);
            match = known !== undefined ? known : this.match(partition, entry.coordinate, tags, entry.levelRank, subject.purpose, now);
            if (known === undefined) shared.set(key, match);
          }
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

  private match(partition: string, field: string, tags: string, rank: number, purpose: string, now: number): Match | null {
    const enforcer = this.partitions.get(partition);
    if (!enforcer) return null;
    const [allowed, explain] = enforcer.enforceExSync(field, tags, rank, purpose, now);
    const grant = explain.length > 0 ? this.grants.get(explain[0]!) : undefined;
    if (!grant) return null;
    // Deny-override: a false result with an explanation is an explicit deny.
    return { grant, effect: allowed ? 'allow' : 'deny' };
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

import { Inject, Injectable } from '@nestjs/common';
import { parse, validate, type DocumentNode } from 'graphql';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import { LedgerReader } from '#ledger';
import { decideOperation, decisionRows, exceededLimit, measureOperation, piiLookupsOf, type DecisionRow, type DecisionSubject, type Grant } from '#policy';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { PolicyService } from '../policy/policy.service.js';
import { PolicyStore } from '../policy/policy.store.js';
import { RegistryService } from '../registry/registry.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { authorize, existingGrant } from './grant.service.js';
import { GrantValidator } from './grant-validator.service.js';
import { analyseImpact, type ImpactReport } from './impact-analysis.js';

/** Who a simulation decides for: a registered system, or a department and clearance. */
export interface SimulatedCaller {
  purpose: string;
  system: string | null;
  department: string | null;
  clearance: string | null;
}

/**
 * What-if questions, answered without fetching data or saving anything:
 * every field an operation selects, decided by the live policy for a
 * caller; and a proposed grant or revocation replayed against the
 * exchanges the ledger recorded.
 */
@Injectable()
export class SimulationService {
  constructor(
    private readonly policy: PolicyService,
    private readonly store: PolicyStore,
    private readonly validator: GrantValidator,
    private readonly supergraph: SupergraphService,
    private readonly registry: RegistryService,
    private readonly ledger: LedgerReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * The fields of an operation decided for a caller by the live policy, or,
   * with `put`, by the live policy as if that grant (not saved) were in it:
   * the what-if an officer runs before saving a grant.
   */
  async simulate(caller: SimulatedCaller, operation: string, operationName: string | null, proposal?: { person: Person; put: unknown }): Promise<DecisionRow[]> {
    const engine = proposal ? await this.policy.propose((await this.withGrant(proposal.person, proposal.put)).grants) : null;
    const subject = this.subjectOf(caller);
    const schema = this.supergraph.apiSchema;
    if (!schema) throw new AdminError(AdminErrorCode.NOT_READY, 'The federated graph is not loaded yet.');
    let document: DocumentNode;
    try {
      document = parse(operation, { maxTokens: this.config.limits.tokens });
    } catch (error) {
      throw AdminError.badInput(`operation: ${(error as Error).message}`, 'operation');
    }
    // Measured before anything walks it: a crafted document must not expand here either.
    const exceeded = exceededLimit(measureOperation(document, operationName, {}, { schema, listSize: this.config.limits.listSize }), this.config.limits);
    if (exceeded) throw AdminError.tooComplex(exceeded, 'operation');
    const errors = validate(schema, document);
    if (errors.length > 0) throw AdminError.badInput(`operation: ${errors.map((error) => error.message).join('; ')}`, 'operation');
    try {
      // The live policy, decided afresh: what the gateway would decide for this request now.
      const decide = engine ? engine.decider(subject, this.clock.now(), { cache: false }) : this.policy.decider(subject, this.clock.now(), { cache: false });
      const catalog = this.validator.catalog();
      const fields = decideOperation({ schema, document, operationName }, catalog, decide);
      const lookups = piiLookupsOf(
        fields.filter((field) => field.allowed),
        catalog,
        (coordinate) => decide(catalog.lookupCoordinate(coordinate)),
      );
      return decisionRows(fields, lookups);
    } catch (error) {
      throw AdminError.badInput((error as Error).message, 'operationName');
    }
  }

  /** Exactly one of `put` and `revoke`, by a person who manages the data it concerns, over the last `days`. */
  async impact(person: Person, change: { put: unknown; revoke: string | null }, days: number): Promise<ImpactReport> {
    if (Boolean(change.put) === Boolean(change.revoke)) throw AdminError.badInput('give exactly one of put and revoke', change.put ? 'revoke' : 'put');
    if (days < 1 || days > 366) throw AdminError.badInput('days must be between 1 and 366', 'days');
    let proposed: Grant[];
    let owner: string;
    if (change.put) {
      ({ grants: proposed, owner } = await this.withGrant(person, change.put));
    } else {
      const { grants } = await this.store.read();
      const existing = existingGrant(grants, change.revoke!);
      authorize(person, existing.owner, existing);
      proposed = grants.filter((candidate) => candidate.id !== change.revoke);
      owner = existing.owner;
    }
    return analyseImpact({
      ledger: this.ledger,
      catalog: this.validator.catalog(),
      registry: this.registry.current(),
      current: this.policy.current(),
      proposed: await this.policy.propose(proposed),
      days,
      owner,
      now: this.clock.now(),
    });
  }

  /** The stored grants with `put` added or replacing its namesake, checked as a save would check it (valid, and the person's to make). */
  private async withGrant(person: Person, put: unknown): Promise<{ grants: Grant[]; owner: string }> {
    const { grants } = await this.store.read();
    const grant = this.validator.check(put);
    authorize(
      person,
      grant.owner,
      grants.find((candidate) => candidate.id === grant.id),
    );
    return { grants: [...grants.filter((candidate) => candidate.id !== grant.id), grant], owner: grant.owner };
  }

  private subjectOf({ system, department, clearance, purpose }: SimulatedCaller): DecisionSubject {
    const registry = this.registry.current();
    if (!registry.purposes.has(purpose)) throw AdminError.badInput(`purpose: "${purpose}" is not a registered purpose`, 'purpose');
    if (system) {
      const registered = registry.get(system);
      if (!registered) throw AdminError.badInput(`system: "${system}" is not registered`, 'system');
      if (!registered.purposes.includes(purpose)) throw AdminError.badInput(`purpose: ${system} may not declare "${purpose}"`, 'purpose');
      return { system, department: registered.department, clearance: registered.clearance, purpose };
    }
    if (!department || !clearance) throw AdminError.badInput('give a system, or a department and a clearance', 'system');
    if (!this.validator.levels.includes(clearance)) throw AdminError.badInput(`clearance: unknown level "${clearance}"`, 'clearance');
    // A department's caller without a system of its own: no system grant can match it.
    return { system: `${department}.(simulated)`, department, clearance, purpose };
  }
}

import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Catalog } from '#catalog';
import { CLOCK, type Clock } from '#config';
import { decideOperation, decisionRows, type DecisionSubject, type Grant } from '#policy';
import { parse, validate, type DocumentNode } from 'graphql';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GrantValidationError, mayManage, mayView, validateGrant } from '../governance/grant-rules.js';
import { PolicyService } from '../policy/policy.service.js';
import { RegistryService } from '../registry/registry.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import type { AdminContext } from './admin.context.js';
import {
  CatalogEntryModel,
  CatalogFilterInput,
  GrantFilterInput,
  GrantInput,
  GrantModel,
  ImpactModel,
  PolicyChangeModel,
  PolicyVersionModel,
  SimulatedFieldModel,
} from './governance.models.js';
import { analyseImpact } from '../governance/impact-analysis.js';
import { grantsAt, policyHistory } from '../governance/policy-history.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { Roles } from './roles.decorator.js';
import { RolesGuard } from './roles.guard.js';

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/**
 * The officers' tools over grants: read the catalog, list the grants that
 * concern them, and create, change, extend and revoke grants over their own
 * department's data. Every change is validated before it is saved, makes a
 * new policy version (on every replica within a second) and is recorded in
 * the ledger with who, before and after.
 */
@Resolver()
@UseGuards(RolesGuard)
export class GovernanceResolver {
  private readonly levels: string[];

  constructor(
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    private readonly registry: RegistryService,
    private readonly ledger: LedgerService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.levels = config.policies.scheme.levels.map((level) => level.name);
  }

  @Query(() => [CatalogEntryModel], { description: 'the data catalog: every Type.field with owner, level, PII kind and sharing mode' })
  @Roles('officer', 'administrator', 'auditor')
  catalog(@Args('filter', { type: () => CatalogFilterInput, nullable: true }) filter: CatalogFilterInput | null): CatalogEntryModel[] {
    const { owner, level, pii, sharing, text } = filter ?? {};
    return this.currentCatalog()
      .entries({ owner: owner ?? undefined, level: level ?? undefined, pii: pii ?? undefined, sharing: sharing ?? undefined, text: text ?? undefined })
      .map(CatalogEntryModel.of);
  }

  @Query(() => [GrantModel], { description: 'the grants that concern you (all, for administrators and auditors)' })
  @Roles('officer', 'administrator', 'auditor')
  async grants(
    @Context() context: AdminContext,
    @Args('filter', { type: () => GrantFilterInput, nullable: true }) filter: GrantFilterInput | null,
  ): Promise<GrantModel[]> {
    const days = filter?.expiringWithinDays;
    if (days !== null && days !== undefined && days < 0) throw badInput('expiringWithinDays must not be negative', 'filter.expiringWithinDays');
    const now = this.clock.now();
    const horizon = days === null || days === undefined ? null : now + days * 86_400_000;
    const { grants } = await this.policy.store.read();
    return grants
      .filter((grant) => mayView(context.person, grant))
      .filter((grant) => !filter?.owner || grant.owner === filter.owner)
      .filter((grant) => !filter?.consumer || grant.subject === filter.consumer || grant.subject.startsWith(`${filter.consumer}.`))
      .filter((grant) => horizon === null || (grant.validUntil !== null && Date.parse(grant.validUntil) > now && Date.parse(grant.validUntil) <= horizon))
      .map(GrantModel.of);
  }

  @Mutation(() => PolicyChangeModel, { description: 'create or change a grant over data your department owns' })
  @Roles('officer', 'administrator')
  async putGrant(@Context() context: AdminContext, @Args('input', { type: () => GrantInput }) input: GrantInput): Promise<PolicyChangeModel> {
    const grant = this.validate(input);
    const { grants } = await this.policy.store.read();
    this.authorize(context, grant.owner, grants.find((candidate) => candidate.id === grant.id));
    const version = await this.policy.store.put(grant, context.person.id);
    await this.policy.refresh();
    return { version, grant: GrantModel.of(grant) };
  }

  @Mutation(() => PolicyChangeModel, { description: 'move the end of a grant (to a later or earlier future instant)' })
  @Roles('officer', 'administrator')
  async extendGrant(@Context() context: AdminContext, @Args('id') id: string, @Args('validUntil') validUntil: string): Promise<PolicyChangeModel> {
    const existing = existingGrant((await this.policy.store.read()).grants, id);
    const grant = this.validate({ ...existing, validUntil });
    this.authorize(context, grant.owner, existing);
    const version = await this.policy.store.put(grant, context.person.id);
    await this.policy.refresh();
    return { version, grant: GrantModel.of(grant) };
  }

  @Mutation(() => PolicyChangeModel, { description: 'end a grant now' })
  @Roles('officer', 'administrator')
  async revokeGrant(@Context() context: AdminContext, @Args('id') id: string): Promise<PolicyChangeModel> {
    const existing = existingGrant((await this.policy.store.read()).grants, id);
    this.authorize(context, existing.owner, existing);
    const version = await this.policy.store.revoke(id, context.person.id);
    await this.policy.refresh();
    return { version, grant: null };
  }

  @Query(() => [PolicyVersionModel], { description: 'policy versions, newest first, with what each changed (officers: the changes that concern them)' })
  @Roles('officer', 'administrator', 'auditor')
  async policyVersions(@Context() context: AdminContext, @Args('last', { type: () => Int, defaultValue: 20 }) last: number): Promise<PolicyVersionModel[]> {
    if (last < 1 || last > 1000) throw badInput('last must be between 1 and 1000', 'last');
    const visible = (value: unknown): unknown => {
      if (value === null || value === undefined) return null;
      if (Array.isArray(value)) return (value as Grant[]).filter((grant) => mayView(context.person, grant));
      return mayView(context.person, value as Grant) ? value : undefined;
    };
    return (await policyHistory(this.ledger.store))
      .map((step) => ({ ...step, before: visible(step.before), after: visible(step.after) }))
      .filter((step) => step.before !== undefined && step.after !== undefined && !(step.before === null && step.after === null && step.action !== 'revoke'))
      .reverse()
      .slice(0, last)
      .map((step) => ({ ...step, before: step.before === null ? null : JSON.stringify(step.before), after: step.after === null ? null : JSON.stringify(step.after) }));
  }

  @Mutation(() => PolicyChangeModel, { description: 'restore the grants of an earlier version, as a new version (administrators: it spans every department)' })
  @Roles('administrator')
  async rollbackPolicy(@Context() context: AdminContext, @Args('toVersion', { type: () => Int }) toVersion: number): Promise<PolicyChangeModel> {
    const grants = grantsAt(await policyHistory(this.ledger.store), toVersion);
    if (!grants) throw badInput(`no policy version ${toVersion} in the history`, 'toVersion');
    const version = await this.policy.store.replaceAll(grants, context.person.id, `version:${toVersion}`);
    await this.policy.refresh();
    return { version, grant: null };
  }

  @Query(() => [SimulatedFieldModel], {
    description: 'every field an operation selects, decided for a caller (a system, or a department and clearance) and purpose by the live policy, without fetching data',
  })
  @Roles('officer', 'administrator', 'auditor')
  simulate(
    @Args('purpose') purpose: string,
    @Args('operation') operation: string,
    @Args('system', { type: () => String, nullable: true }) system: string | null,
    @Args('department', { type: () => String, nullable: true }) department: string | null,
    @Args('clearance', { type: () => String, nullable: true }) clearance: string | null,
    @Args('operationName', { type: () => String, nullable: true }) operationName: string | null,
  ): SimulatedFieldModel[] {
    const subject = this.subjectOf(system, department, clearance, purpose);
    const schema = this.supergraph.apiSchema;
    if (!schema) throw new GraphQLError('The federated graph is not loaded yet.', { extensions: { code: 'BAD_REQUEST' } });
    let document: DocumentNode;
    try {
      document = parse(operation);
    } catch (error) {
      throw badInput(`operation: ${(error as Error).message}`, 'operation');
    }
    const errors = validate(schema, document);
    if (errors.length > 0) throw badInput(`operation: ${errors.map((error) => error.message).join('; ')}`, 'operation');
    try {
      // The live policy, decided afresh: what the gateway would decide for this request now.
      const decide = this.policy.current().decider(subject, this.clock.now(), { cache: false });
      return decisionRows(decideOperation({ schema, document, operationName }, this.currentCatalog(), decide));
    } catch (error) {
      throw badInput((error as Error).message, 'operationName');
    }
  }

  @Query(() => ImpactModel, { description: 'a proposed grant or revocation (not saved) replayed against the exchanges of the last days' })
  @Roles('officer', 'administrator')
  async impact(
    @Context() context: AdminContext,
    @Args('put', { type: () => GrantInput, nullable: true }) put: GrantInput | null,
    @Args('revoke', { type: () => String, nullable: true }) revoke: string | null,
    @Args('days', { type: () => Int, defaultValue: 30 }) days: number,
  ): Promise<ImpactModel> {
    if (Boolean(put) === Boolean(revoke)) throw badInput('give exactly one of put and revoke', put ? 'revoke' : 'put');
    if (days < 1 || days > 366) throw badInput('days must be between 1 and 366', 'days');
    const { grants } = await this.policy.store.read();
    let proposed: Grant[];
    if (put) {
      const grant = this.validate(put);
      this.authorize(context, grant.owner, grants.find((candidate) => candidate.id === grant.id));
      proposed = [...grants.filter((candidate) => candidate.id !== grant.id), grant];
    } else {
      const existing = existingGrant(grants, revoke!);
      this.authorize(context, existing.owner, existing);
      proposed = grants.filter((candidate) => candidate.id !== revoke);
    }
    return analyseImpact({
      ledger: this.ledger.store,
      catalog: this.currentCatalog(),
      registry: this.registry.current(),
      current: this.policy.current(),
      proposed: await this.policy.propose(proposed),
      days,
      now: this.clock.now(),
    });
  }

  private subjectOf(system: string | null, department: string | null, clearance: string | null, purpose: string): DecisionSubject {
    const registry = this.registry.current();
    if (!registry.purposes.has(purpose)) throw badInput(`purpose: "${purpose}" is not a registered purpose`, 'purpose');
    if (system) {
      const registered = registry.get(system);
      if (!registered) throw badInput(`system: "${system}" is not registered`, 'system');
      if (!registered.purposes.includes(purpose)) throw badInput(`purpose: ${system} may not declare "${purpose}"`, 'purpose');
      return { system, department: registered.department, clearance: registered.clearance, purpose };
    }
    if (!department || !clearance) throw badInput('give a system, or a department and a clearance', 'system');
    if (!this.levels.includes(clearance)) throw badInput(`clearance: unknown level "${clearance}"`, 'clearance');
    // A department's caller without a system of its own: no system grant can match it.
    return { system: `${department}.(simulated)`, department, clearance, purpose };
  }

  private currentCatalog(): Catalog {
    const catalog = this.supergraph.catalog;
    if (!catalog) throw new GraphQLError('The catalog is not available yet: the federated graph is not loaded.', { extensions: { code: 'BAD_REQUEST' } });
    return catalog;
  }

  private validate(input: unknown): Grant {
    try {
      return validateGrant(input, { catalog: this.currentCatalog(), registry: this.registry.current(), levels: this.levels, now: this.clock.now() });
    } catch (error) {
      if (error instanceof GrantValidationError) throw badInput(error.message, error.argument);
      throw error;
    }
  }

  /** The person must manage the data the grant is about, and the data of the grant it replaces (if any). */
  private authorize(context: AdminContext, owner: string, replaced: Grant | undefined): void {
    if (!mayManage(context.person, owner)) throw forbidden(`Only ${owner}'s officers or an administrator may grant access to ${owner}'s data.`);
    if (replaced && !mayManage(context.person, replaced.owner)) throw forbidden(`Grant "${replaced.id}" is over ${replaced.owner}'s data.`);
  }
}

function existingGrant(grants: readonly Grant[], id: string): Grant {
  const grant = grants.find((candidate) => candidate.id === id);
  if (!grant) throw badInput(`no grant "${id}"`, 'id');
  return grant;
}

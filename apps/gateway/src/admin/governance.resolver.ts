import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Catalog } from '#catalog';
import type { Grant } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GrantValidationError, mayManage, mayView, validateGrant } from '../governance/grant-rules.js';
import { PolicyService } from '../policy/policy.service.js';
import { RegistryService } from '../registry/registry.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import type { AdminContext } from './admin.context.js';
import { CatalogEntryModel, CatalogFilterInput, GrantFilterInput, GrantInput, GrantModel, PolicyChangeModel } from './governance.models.js';
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
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
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
    const horizon = days === null || days === undefined ? null : Date.now() + days * 86_400_000;
    const { grants } = await this.policy.store.read();
    return grants
      .filter((grant) => mayView(context.person, grant))
      .filter((grant) => !filter?.owner || grant.owner === filter.owner)
      .filter((grant) => !filter?.consumer || grant.subject === filter.consumer || grant.subject.startsWith(`${filter.consumer}.`))
      .filter((grant) => horizon === null || (grant.validUntil !== null && Date.parse(grant.validUntil) > Date.now() && Date.parse(grant.validUntil) <= horizon))
      .map(GrantModel.of);
  }

  @Mutation(() => PolicyChangeModel, { description: 'create or change a grant over data your department owns' })
  @Roles('officer', 'administrator')
  async putGrant(@Context() context: AdminContext, @Args('input', { type: () => GrantInput }) input: GrantInput): Promise<PolicyChangeModel> {
    const grant = this.validate(input);
    await this.authorize(context, grant.owner, grant.id);
    const version = await this.policy.store.put(grant, context.person.id);
    await this.policy.refresh();
    return { version, grant: GrantModel.of(grant) };
  }

  @Mutation(() => PolicyChangeModel, { description: 'move the end of a grant (to a later or earlier future instant)' })
  @Roles('officer', 'administrator')
  async extendGrant(@Context() context: AdminContext, @Args('id') id: string, @Args('validUntil') validUntil: string): Promise<PolicyChangeModel> {
    const existing = await this.existing(id);
    const grant = this.validate({ ...existing, validUntil });
    await this.authorize(context, grant.owner, grant.id);
    const version = await this.policy.store.put(grant, context.person.id);
    await this.policy.refresh();
    return { version, grant: GrantModel.of(grant) };
  }

  @Mutation(() => PolicyChangeModel, { description: 'end a grant now' })
  @Roles('officer', 'administrator')
  async revokeGrant(@Context() context: AdminContext, @Args('id') id: string): Promise<PolicyChangeModel> {
    const existing = await this.existing(id);
    await this.authorize(context, existing.owner, id);
    const version = await this.policy.store.revoke(id, context.person.id);
    await this.policy.refresh();
    return { version, grant: null };
  }

  private currentCatalog(): Catalog {
    const catalog = this.supergraph.catalog;
    if (!catalog) throw new GraphQLError('The catalog is not available yet: the federated graph is not loaded.', { extensions: { code: 'BAD_REQUEST' } });
    return catalog;
  }

  private validate(input: unknown): Grant {
    try {
      return validateGrant(input, { catalog: this.currentCatalog(), registry: this.registry.current(), levels: this.levels });
    } catch (error) {
      if (error instanceof GrantValidationError) throw badInput(error.message, error.argument);
      throw error;
    }
  }

  private async existing(id: string): Promise<Grant> {
    const grant = (await this.policy.store.read()).grants.find((candidate) => candidate.id === id);
    if (!grant) throw badInput(`no grant "${id}"`, 'id');
    return grant;
  }

  /** The person must manage the data the grant is about, and the data of the grant it replaces. */
  private async authorize(context: AdminContext, owner: string, id: string): Promise<void> {
    if (!mayManage(context.person, owner)) throw forbidden(`Only ${owner}'s officers or an administrator may grant access to ${owner}'s data.`);
    const replaced = (await this.policy.store.read()).grants.find((candidate) => candidate.id === id);
    if (replaced && !mayManage(context.person, replaced.owner)) throw forbidden(`Grant "${id}" is over ${replaced.owner}'s data.`);
  }
}

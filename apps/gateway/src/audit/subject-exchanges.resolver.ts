import { Inject, UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { exchangeHeader, SubjectKeyring, type ExchangeEntry, type LedgerRecordEntity } from '#ledger';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminError } from '../admin/admin.error.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { subjectKeyFields } from '../subjects/subject-types.js';
import { AuditService } from './audit.service.js';
import type { OwnerUsageExchange } from './owner-usage.models.js';
import { DataSubjectInput, SubjectExchangePage } from './subject-exchanges.models.js';

const MAX_KEY_LENGTH = 256;

/**
 * "Which exchanges released data about this person or enterprise, when,
 * to whom, for what purpose" (the right to know, PIPL Art. 45): auditors
 * for any owner, an owner's officers where their department's fields about
 * the subject were served. The key is looked up by its keyed hash under
 * every key of the ledger's keyring; the request itself is recorded like
 * every admin request, with the key redacted.
 */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class SubjectExchangesResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly keyring: SubjectKeyring,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Query(() => SubjectExchangePage, { description: 'exchanges that released data about a person or enterprise, newest first' })
  @Roles('officer', 'auditor')
  async subjectExchanges(
    @Context() context: AdminContext,
    @Args('subject', { type: () => DataSubjectInput }) subject: DataSubjectInput,
    @Args('owner', { type: () => String, nullable: true, description: "only where this department's fields about the subject were served (officers: their own, always)" })
    owner: string | null | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SubjectExchangePage> {
    const person = context.person;
    const auditor = person.roles.includes('auditor');
    // An omitted argument arrives as undefined: for an officer it means their own department.
    const named = owner ?? null;
    if (!auditor && named !== null && named !== person.department) throw AdminError.forbidden(`officers look up their own department's data (${person.department}) only`);
    const scope = auditor ? named : person.department;
    const catalog = this.supergraph.catalog;
    if (!catalog || subjectKeyFields(catalog, this.config.policies.subjectTypes, subject.type).length === 0) {
      // Named back in a short excerpt: the argument has no length of its own to keep to.
      const named = subject.type.length > 64 ? `${subject.type.slice(0, 64)}…` : subject.type;
      throw AdminError.badInput(`${named} is not a data-subject type of the exchange graph (policies/ownership.yaml subjects)`, 'subject.type');
    }
    const key = subject.key.trim();
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw AdminError.badInput(`the key must be 1 to ${MAX_KEY_LENGTH} characters`, 'subject.key');
    const page = await this.audit.search({ kind: 'exchange', subjectTokens: this.keyring.lookupTokens({ type: subject.type, key }), subjectOwner: scope }, first, after);
    return { nodes: page.records.map((record) => this.released(record, scope)), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  /** The exchange with the fields it served, of one owner when scoped. */
  private released(record: LedgerRecordEntity, owner: string | null): OwnerUsageExchange {
    const entry = JSON.parse(record.content) as ExchangeEntry;
    return {
      ...exchangeHeader(record),
      fields: entry.fields
        .filter((field) => field.outcome !== 'denied' && (!owner || field.owner === owner))
        .map((field) => ({ coordinate: field.coordinate, level: field.level, outcome: field.outcome })),
    };
  }
}

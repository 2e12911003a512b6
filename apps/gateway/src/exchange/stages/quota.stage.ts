import { HeaderMap } from '@apollo/server';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#config';
import { piiLookupsOf } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { PolicyService } from '../../policy/policy.service.js';
import { DailyUsage } from '../../quota/daily-usage.service.js';
import { RegistryService } from '../../registry/registry.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { DecideStage } from '../exchange.phases.js';

/**
 * A system's daily allowances, checked before planning (UsageStage counts
 * what was served):
 *
 * - Personal information: past its `piiValuesPerDay` (values served today,
 *   distinct per exchange and kind), an operation selecting any PII field is
 *   refused with PII_QUOTA_EXCEEDED. Counted are the identifiers of people
 *   the ledger grades an answer by (ID and phone numbers, masked or not).
 * - Lookups by PII values (`person(idNumber:)`) that the caller may not read
 *   in clear: a lookup reveals the value it names as surely as reading it,
 *   since a hit confirms a guess. Such lookups are counted, and an operation
 *   that could take the system past its `lookupMissesPerDay` misses is
 *   refused with LOOKUP_LIMIT_EXCEEDED. Guessing a masked ID number takes
 *   some 30 tries; at the default of 20 misses a day, recovering the
 *   numbers of a register is infeasible, while a system that looks up the
 *   people it serves rarely misses at all.
 *
 * - Grants approved with a daily volume (a condition, `dailyLimit`): an
 *   operation served by such a grant once it has served its exchanges for
 *   the day is refused with GRANT_VOLUME_EXCEEDED, naming the grant.
 *
 * All are HTTP 429 with Retry-After (the next UTC day), recorded.
 */
@Injectable()
export class QuotaStage implements DecideStage {
  constructor(
    private readonly usage: DailyUsage,
    private readonly registry: RegistryService,
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async decide(exchange: ExchangeContext): Promise<void> {
    const { principal, policy } = exchange;
    const catalog = this.supergraph.catalog;
    if (!principal || !policy || !catalog) return;
    const own = this.registry.current().get(principal.system);
    const served = policy.fields.filter((field) => field.allowed);
    if (served.some((field) => field.coordinates.some((coordinate) => catalog.lookupCoordinate(coordinate).pii !== null))) {
      const quota = own?.piiValuesPerDay ?? this.config.limits.piiValuesPerDay;
      const used = await this.usage.used(principal.system, 'pii-values');
      if (used >= quota) this.refuse('PII_QUOTA_EXCEEDED', `${principal.system} has been served its ${quota} personal-information values for today.`, 'piiValuesPerDay', used, quota);
    }
    // Only fields a grant is needed for: a limited grant whose pattern also covers unconditionally shared fields does not hold those back.
    await this.checkGrantVolumes(
      exchange,
      served.filter((field) => field.coordinates.some((coordinate) => catalog.lookupCoordinate(coordinate).sharing !== 'UNCONDITIONAL')),
    );
    const decide = this.policy.decider(principal, this.clock.now(), { catalog: catalog.supergraphHash });
    // Lookups of every allowed field, executed or not: a planner may ask a bureau for a field the request skips (Hive keeps
    // only the inner of nested conditions), and the bureau's answer or error tells whether the value exists.
    const asked = policy.decided.filter((field) => field.allowed);
    exchange.lookups = piiLookupsOf(asked, catalog, (coordinate) => decide(catalog.lookupCoordinate(coordinate)));
    const counted = exchange.lookups.filter((lookup) => lookup.rule === 'counted').length;
    if (counted === 0) return;
    const quota = own?.lookupMissesPerDay ?? this.config.limits.lookupMissesPerDay;
    const used = await this.usage.used(principal.system, 'lookup-misses');
    if (used + counted > quota) {
      this.refuse(
        'LOOKUP_LIMIT_EXCEEDED',
        `${principal.system} may not read the values it looks up by in clear, and has ${Math.max(0, quota - used)} of its ${quota} missed lookups left today; this operation makes ${counted}.`,
        'lookupMissesPerDay',
        used + counted,
        quota,
      );
    }
  }

  /** Refuses the operation when a grant with a daily volume it needs has served its day; notes those grants for UsageStage. */
  private async checkGrantVolumes(exchange: ExchangeContext, served: ReadonlyArray<{ decisions: ReadonlyArray<{ rules: readonly string[] }> }>): Promise<void> {
    const engine = this.policy.current();
    const ids = new Set(
      served
        .flatMap((field) => field.decisions.flatMap((decision) => decision.rules))
        .filter((rule) => rule.startsWith('grant:'))
        .map((rule) => rule.slice(6)),
    );
    const limited = [...ids].flatMap((id) => {
      const dailyLimit = engine.grant(id)?.dailyLimit;
      return dailyLimit ? [{ id, dailyLimit }] : [];
    });
    for (const grant of limited) {
      const used = await this.usage.used(grant.id, 'grant-exchanges');
      if (used >= grant.dailyLimit)
        this.refuse('GRANT_VOLUME_EXCEEDED', `Grant ${grant.id} has served its ${grant.dailyLimit} exchanges for today (a condition of its approval).`, 'dailyLimit', used, grant.dailyLimit);
    }
    if (limited.length > 0) exchange.volumeGrants = limited;
  }

  private refuse(code: 'PII_QUOTA_EXCEEDED' | 'LOOKUP_LIMIT_EXCEEDED' | 'GRANT_VOLUME_EXCEEDED', message: string, limit: string, measured: number, allowed: number): never {
    const seconds = String(Math.ceil(this.usage.msUntilTomorrow() / 1000));
    throw exchangeError(code, message, { limit, measured, allowed, http: { status: 429, headers: new HeaderMap([['retry-after', seconds]]) } });
  }
}

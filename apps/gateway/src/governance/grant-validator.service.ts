import { Inject, Injectable } from '@nestjs/common';
import type { Catalog } from '#catalog';
import { CLOCK, type Clock } from '#config';
import type { Grant, PolicyEngine } from '#policy';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryService } from '../registry/registry.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { derivationWarnings } from './derivation-warnings.js';
import { deadFields, GrantValidationError, summarise, validateGrant } from './grant-rules.js';

/**
 * Checks grants against the live catalog and registry before anything is
 * saved (grant-rules.ts), and gives governance the catalog — or says, as
 * AdminError, that the federated graph is not loaded yet.
 */
@Injectable()
export class GrantValidator {
  constructor(
    private readonly supergraph: SupergraphService,
    private readonly registry: RegistryService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The level names, lowest first. */
  get levels(): readonly string[] {
    return this.config.policies.scheme.names;
  }

  catalog(): Catalog {
    const catalog = this.supergraph.catalog;
    if (!catalog) throw new AdminError(AdminErrorCode.NOT_READY, 'The catalog is not available yet: the federated graph is not loaded.');
    return catalog;
  }

  /** What `grant` leaves inconsistent under `policy` (the policy with it in force): fields it covers but can never serve, masks of derived fields that disagree. */
  warnings(grant: Grant, policy: PolicyEngine): string[] {
    const context = { catalog: this.catalog(), registry: this.registry.current(), levels: this.levels };
    const dead = deadFields(grant, context);
    return [
      ...(dead.length > 0 ? [`${dead.length} field(s) the grant covers can never be served: ${summarise(dead)}.`] : []),
      ...derivationWarnings({ grant, catalog: context.catalog, registry: context.registry, proposed: policy, now: this.clock.now() }),
    ];
  }

  /** The grant, valid now; otherwise AdminError BAD_USER_INPUT naming the input (`argumentOf` renames it for other inputs). */
  check(input: unknown, argumentOf: (argument: string) => string = (argument) => argument): Grant {
    try {
      return validateGrant(input, { catalog: this.catalog(), registry: this.registry.current(), levels: this.levels, now: this.clock.now() });
    } catch (error) {
      if (error instanceof GrantValidationError) throw AdminError.badInput(error.message, argumentOf(error.argument));
      throw error;
    }
  }
}

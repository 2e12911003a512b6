import { Inject, Injectable } from '@nestjs/common';
import { print } from 'graphql';
import { createHash } from 'node:crypto';
import { CLOCK, type Clock } from '#config';
import { decideOperation, includedFields, withoutFields } from '#policy';
import { ENFORCEMENT_MODES, GATEWAY_CONFIG, type EnforcementMode, type GatewayConfig } from '../../gateway.config.js';
import { PolicyService } from '../../policy/policy.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { DecideStage, ExchangeRequest } from '../exchange.phases.js';
import { uniqueDenials } from './denials.js';

/** Header with which a caller asks for a stricter mode than the gateway's default. */
const MODE_HEADER = 'x-causeway-enforcement';

/**
 * Field-level access control, before planning: every field the operation
 * selects is decided for this caller and purpose. In reject mode one denied
 * field refuses the operation (OPERATION_DENIED); in filter mode denied
 * fields are cut from the operation, so no bureau is ever asked for them
 * (PolicyShapingStage then answers them as null with FORBIDDEN_FIELD).
 */
@Injectable()
export class PolicyDecisionStage implements DecideStage {
  constructor(
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  decide(exchange: ExchangeContext, request: ExchangeRequest): void {
    const { principal } = exchange;
    const catalog = this.supergraph.catalog;
    const document = request.document;
    // Fail closed: nothing is decided without a caller, a catalog and a parsed operation.
    if (!principal || !catalog || !document) throw exchangeError('OPERATION_DENIED', 'The operation could not be decided.', {}, 403);
    const mode = this.modeFor(request.request.http?.headers.get(MODE_HEADER));
    const engine = this.policy.current();
    const decided = decideOperation(
      { schema: request.schema, document, operationName: request.operationName },
      catalog,
      this.policy.decider(principal, this.clock.now(), { catalog: catalog.supergraphHash }),
    );
    // Answered, refused and recorded: the fields this request executes (a field its @skip or @include leaves out is not in
    // the answer, so not denied in it). Cut from the operation: every denied field, executed or not (field-inclusion.ts).
    const fields = [...includedFields(request.schema, document, request.operationName, decided, request.request.variables ?? {})];
    exchange.policy = { version: engine.version, mode, fields, decided, filtered: false };
    const denied = decided.filter((field) => !field.allowed);
    if (denied.length === 0) return;
    const refused = fields.filter((field) => !field.allowed);
    if (mode === 'reject' && refused.length > 0) {
      throw exchangeError(
        'OPERATION_DENIED',
        `The operation selects ${refused.length} field(s) this caller may not read for this purpose.`,
        { denied: uniqueDenials(refused).map(({ coordinate, path, reason }) => ({ coordinate, path: path.join('.'), reason })) },
        403,
      );
    }
    const { document: filtered, emptied } = withoutFields(request.schema, document, new Set(denied.map((field) => field.node)));
    for (const field of fields) if (emptied.has(field.node)) field.emptied = true;
    exchange.policy.filtered = true;
    const writable = request as { document?: typeof document; queryHash?: string };
    writable.document = filtered;
    // @apollo/gateway caches query plans by queryHash (the hash of the text
    // the caller sent). Without a new hash, a caller allowed everything and a
    // filtered caller sending the same text would share one plan, and the
    // filtered caller's exchange would fetch the denied fields.
    writable.queryHash = createHash('sha256').update(print(filtered)).digest('hex');
  }

  /** The gateway's mode, or a stricter one the caller asked for; never looser. A mode nobody knows is refused, not guessed. */
  private modeFor(requested: string | undefined): EnforcementMode {
    if (requested === undefined) return this.config.enforcementMode;
    const asked = ENFORCEMENT_MODES.find((mode) => mode === requested.trim().toLowerCase());
    if (!asked) throw exchangeError('BAD_REQUEST', `${MODE_HEADER} must be ${ENFORCEMENT_MODES.join(' or ')}.`, { reason: 'UNKNOWN_ENFORCEMENT_MODE' }, 400);
    return asked === 'reject' ? 'reject' : this.config.enforcementMode;
  }
}

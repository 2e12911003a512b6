import type { GraphQLRequestContext } from '@apollo/server';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { print, type GraphQLFormattedError } from 'graphql';
import { createHash } from 'node:crypto';
import { CLOCK, type Clock } from '#config';
import { decideOperation, shapeData, withoutFields, type DecidedField } from '#policy';
import { ENFORCEMENT_MODES, GATEWAY_CONFIG, type EnforcementMode, type GatewayConfig } from '../../gateway.config.js';
import { PolicyService } from '../../policy/policy.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext, GatewayContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { ExchangeStage } from '../exchange.stage.js';

/** Header with which a caller asks for a stricter mode than the gateway's default. */
const MODE_HEADER = 'x-causeway-enforcement';

/**
 * Field-level access control. Before planning, every field the operation
 * selects is decided for this caller and purpose; in reject mode one denied
 * field refuses the operation (OPERATION_DENIED), in filter mode denied
 * fields are cut from the operation so no bureau is ever asked for them,
 * and read `null` with one FORBIDDEN_FIELD error each. Masks are applied to
 * the answer, following aliases.
 */
@Injectable()
export class PolicyStage implements ExchangeStage {
  readonly name = 'policy';
  private readonly logger = new Logger('Policy');

  constructor(
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  decide(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): void {
    const { principal } = exchange;
    const catalog = this.supergraph.catalog;
    const document = request.document;
    // Fail closed: nothing is decided without a caller, a catalog and a parsed operation.
    if (!principal || !catalog || !document) throw exchangeError('OPERATION_DENIED', 'The operation could not be decided.', {}, 403);
    const engine = this.policy.current();
    const fields = decideOperation({ schema: request.schema, document, operationName: request.operationName }, catalog, engine.decider(principal, this.clock.now(), { catalog: catalog.supergraphHash }));
    const mode = this.modeFor(request.request.http?.headers.get(MODE_HEADER));
    exchange.policy = { version: engine.version, mode, fields };
    const denied = fields.filter((field) => !field.allowed);
    if (denied.length === 0) return;
    if (mode === 'reject') {
      throw exchangeError(
        'OPERATION_DENIED',
        `The operation selects ${denied.length} field(s) this caller may not read for this purpose.`,
        { denied: uniqueDenials(denied).map(({ coordinate, path, reason }) => ({ coordinate, path: path.join('.'), reason })) },
        403,
      );
    }
    const filtered = withoutFields(document, new Set(denied.map((field) => field.node)));
    const writable = request as { document?: typeof document; queryHash?: string };
    writable.document = filtered;
    // @apollo/gateway caches query plans by queryHash (the hash of the text
    // the caller sent). Without a new hash, a caller allowed everything and a
    // filtered caller sending the same text would share one plan, and the
    // filtered caller's exchange would fetch the denied fields.
    writable.queryHash = createHash('sha256').update(print(filtered)).digest('hex');
  }

  respond(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): void {
    const body = request.response.body;
    if (!exchange.policy || body?.kind !== 'single') return;
    const result = body.singleResult;
    const { leaked } = shapeData(result.data as Record<string, unknown> | null | undefined, exchange.policy.fields);
    if (leaked > 0) this.logger.error(`exchange ${exchange.id}: DENIED FIELD FETCHED (${leaked} values nulled before release)`);
    const denials: GraphQLFormattedError[] = uniqueDenials(exchange.policy.fields.filter((field) => !field.allowed)).map(
      ({ coordinate, path, reason }) => ({
        message: `Not available to this caller for this purpose: ${coordinate}.`,
        path,
        extensions: { code: 'FORBIDDEN_FIELD', coordinate, reason },
      }),
    );
    if (denials.length > 0 && result.data !== undefined) result.errors = [...(result.errors ?? []), ...denials];
  }

  /** The gateway's mode, or a stricter one the caller asked for; never looser. */
  private modeFor(requested: string | undefined): EnforcementMode {
    const asked = ENFORCEMENT_MODES.find((mode) => mode === requested?.trim().toLowerCase());
    return asked === 'reject' ? 'reject' : this.config.enforcementMode;
  }
}

/** One entry per (path, coordinate) refused, however many fragments repeat it. */
function uniqueDenials(fields: readonly DecidedField[]): Array<{ coordinate: string; path: string[]; reason: string }> {
  const seen = new Map<string, { coordinate: string; path: string[]; reason: string }>();
  for (const field of fields) {
    for (const decision of field.decisions) {
      if (decision.allowed) continue;
      const key = `${field.path.join('.')} ${decision.coordinate}`;
      if (!seen.has(key)) seen.set(key, { coordinate: decision.coordinate, path: field.path, reason: decision.denial ?? 'DENIED' });
    }
  }
  return [...seen.values()];
}

import { Injectable, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { shapeData } from '#policy';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, ShapeStage } from '../exchange.phases.js';
import { nullError, propagateNulls } from '../../federation/null-propagation.js';
import { concretePaths, uniqueDenials } from './denials.js';

/**
 * The answer as the decisions allow it: masks applied (following aliases),
 * denied fields null with one FORBIDDEN_FIELD error at each place they would
 * be (list indices included), and any value of
 * a denied field that was fetched anyway nulled and reported. A denied field
 * of non-null type makes its parent null, up to the nearest nullable field
 * (and `data: null` at the root), as GraphQL execution does with a field
 * that fails: a client's generated types never meet null where the schema
 * promises a value. Its error keeps the denied field's own path.
 */
@Injectable()
export class PolicyShapingStage implements ShapeStage {
  private readonly logger = new Logger('Policy');

  shape(exchange: ExchangeContext, request: ExchangeRequest): void {
    const body = request.response.body;
    if (!exchange.policy || body?.kind !== 'single') return;
    const result = body.singleResult;
    const { leaked } = shapeData(result.data as Record<string, unknown> | null | undefined, exchange.policy.fields, exchange.policy.filtered);
    if (leaked > 0) this.logger.error(`exchange ${exchange.id}: DENIED FIELD FETCHED (${leaked} values nulled before release)`);
    // One error per place in the answer: through lists, with the item's index.
    const denials: GraphQLFormattedError[] = uniqueDenials(exchange.policy.fields.filter((field) => !field.allowed)).flatMap(({ coordinate, path, reason }) =>
      concretePaths(result.data, path).map((concrete) => ({
        message: `Not available to this caller for this purpose: ${coordinate}.`,
        path: concrete,
        extensions: { code: 'FORBIDDEN_FIELD', coordinate, reason },
      })),
    );
    // Only an answer the policy cut can hold a null the engine did not place (each engine propagates its own).
    if (exchange.policy.filtered && exchange.document && result.data) {
      const { data, raised } = propagateNulls(request.schema, exchange.document, request.operationName, result.data as Record<string, unknown>, request.request.variables ?? {});
      result.data = data;
      // A null with no error of its own (an object left without fields): the error GraphQL gives it.
      if (denials.length === 0 && !result.errors?.length) denials.push(...raised.map((path) => nullError(path).toJSON()));
    }
    if (denials.length > 0 && result.data !== undefined) result.errors = [...(result.errors ?? []), ...denials];
  }
}

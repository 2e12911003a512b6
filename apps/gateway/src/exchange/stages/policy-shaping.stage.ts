import { Injectable, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { shapeData } from '#policy';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, ShapeStage } from '../exchange.phases.js';
import { concretePaths, uniqueDenials } from './denials.js';

/**
 * The answer as the decisions allow it: masks applied (following aliases),
 * denied fields null with one FORBIDDEN_FIELD error at each place they would
 * be (list indices included), and any value of
 * a denied field that was fetched anyway nulled and reported.
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
    if (denials.length > 0 && result.data !== undefined) result.errors = [...(result.errors ?? []), ...denials];
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { VerifiedExchange } from '#exchange-token';
import type { RequestWithExchange } from './exchange-token.middleware.js';

/**
 * Resolver parameter: who is asking through the gateway, for what purpose,
 * in which exchange — as the gateway signed it.
 *   resolveReference(ref, @CallerExchange() exchange: VerifiedExchange)
 */
export const CallerExchange = createParamDecorator((_data: unknown, context: ExecutionContext): VerifiedExchange => {
  const req = GqlExecutionContext.create(context).getContext<{ req: RequestWithExchange }>().req;
  if (!req.causewayExchange) throw new Error('no verified exchange on this request');
  return req.causewayExchange;
});

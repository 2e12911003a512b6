import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Principal, VerifiedCaller } from '#identity';
import type { ExchangePipeline } from './exchange.pipeline.js';

/** What a refused request outside GraphQL is answered: its status and `{ error: { code, message, exchangeId } }`. */
export interface HttpRefusal {
  status: number;
  body: { error: { code: string; message: string; exchangeId: string | undefined } };
}

/**
 * Refuses a request that is not a GraphQL exchange (a caller's record, its
 * schema, a path no route answers) the way an exchange is refused: recorded
 * in the ledger first (the pipeline's refuse phase), answered with a stable
 * code and the exchange id; 503 LEDGER_UNAVAILABLE when even the refusal
 * could not be recorded.
 */
export async function httpRefusal(
  pipeline: ExchangePipeline,
  request: IncomingMessage,
  status: number,
  code: string,
  message: string,
  caller?: Principal | VerifiedCaller,
): Promise<HttpRefusal> {
  const recorded = await pipeline.refuseRequest(request, new GraphQLError(message, { extensions: { code, http: { status } } }), caller);
  const extensions = recorded.extensions as { code?: string; exchangeId?: string };
  return {
    status: extensions.code === 'LEDGER_UNAVAILABLE' ? 503 : status,
    body: { error: { code: extensions.code ?? code, message: recorded.message, exchangeId: extensions.exchangeId } },
  };
}

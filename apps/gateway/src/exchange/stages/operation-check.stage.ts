import { Injectable } from '@nestjs/common';
import { BREAK, Kind, visit, type DocumentNode } from 'graphql';
import { exchangeError } from '../exchange.errors.js';
import type { ExchangeContext } from '../exchange.context.js';
import type { CheckStage, ExchangeRequest } from '../exchange.phases.js';

/**
 * Apollo Server has parsed the operation and validated it against the
 * supergraph's API schema (a failure never reaches this phase: it is
 * answered with its GRAPHQL_* code and recorded). What the exchange keeps:
 * the operation as the caller sent it, before any field is filtered out.
 * What validation lets through but cannot be served is refused here with
 * its code: no operation chosen, an operation type the graph lacks, or a
 * response key of the gateway's own (`_causeway…`: the keys it adds to
 * learn whom an answer is about, removed before release).
 */
@Injectable()
export class OperationCheckStage implements CheckStage {
  check(exchange: ExchangeContext, request: ExchangeRequest): void {
    exchange.operationName = request.operationName ?? null;
    exchange.document = request.document;
    if (!request.operation) {
      const names = (request.document?.definitions ?? []).flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
      const asked = request.request.operationName;
      throw exchangeError(
        'OPERATION_RESOLUTION_FAILURE',
        asked === '' && names.length === 1
          ? 'An empty "operationName" names no operation: leave it out to run the only operation of a document.'
          : asked
            ? `The document has no operation named ${JSON.stringify(asked)}.`
            : `The document has ${names.length} operations (${names.join(', ')}): name one in "operationName".`,
        {},
        400,
      );
    }
    // graphql-js validates a mutation or subscription against a schema without one as if it were fine.
    if (!request.schema.getRootType(request.operation.operation)) {
      throw exchangeError('GRAPHQL_VALIDATION_FAILED', `The exchange graph has no ${request.operation.operation} operations: it only reads.`, {}, 400);
    }
    if (request.source?.includes(RESERVED_PREFIX) !== false && request.document && usesReservedKey(request.document)) {
      throw exchangeError('GRAPHQL_VALIDATION_FAILED', `Response keys starting with "${RESERVED_PREFIX}" are reserved for the gateway.`, { reason: 'RESERVED_RESPONSE_KEY' }, 400);
    }
  }
}

/** Response keys the gateway adds to operations (and removes from answers). */
const RESERVED_PREFIX = '_causeway';

function usesReservedKey(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if ((node.alias ?? node.name).value.startsWith(RESERVED_PREFIX)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

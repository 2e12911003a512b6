import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { AuthenticationError, type PersonAuthenticator } from '#identity';
import { requestTraceContext, traceIdOf } from '#telemetry';
import type { AdminContext } from './admin.context.js';
import { formatAdminError } from './admin.errors.js';
import type { AdminLedgerRecorder } from './admin-ledger.recorder.js';

const UNAVAILABLE = 'The ledger is unavailable: nothing is released until this request can be recorded. Retry shortly.';

/**
 * The admin API (`POST /admin/graphql`) for people: authenticated by their
 * token, every resolver behind RolesGuard, every request recorded in the
 * ledger before its answer is released. Separate from the exchange
 * endpoint: bureau systems have no way in here, people none into /graphql.
 */
export function adminGraphqlOptions(people: PersonAuthenticator, recorder: AdminLedgerRecorder, include: Array<new (...args: never[]) => unknown>): ApolloDriverConfig {
  return {
    path: '/admin/graphql',
    include,
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatAdminError,
    validationRules: [knownOperationTypes],
    // Guards also run for field resolvers, should one be added.
    fieldResolverEnhancers: ['guards'],
    context: async ({ req }: { req: Request }): Promise<AdminContext> => {
      try {
        return recorder.open(await people.authenticate(req.headers.authorization), req);
      } catch (error) {
        const requestId = randomUUID();
        const reason = error instanceof AuthenticationError ? error.reason : 'INTERNAL';
        // A refused person is recorded too; if even that cannot be recorded, say the ledger is down.
        try {
          await recorder.record(
            { person: null, requestId, startedAt: new Date(), clientAddress: req.socket.remoteAddress ?? null, traceId: traceIdOf(requestTraceContext(req)) ?? null },
            { name: null, text: null },
            ['UNAUTHENTICATED'],
          );
        } catch {
          throw new GraphQLError(UNAVAILABLE, { extensions: { code: 'LEDGER_UNAVAILABLE', requestId, http: { status: 503 } } });
        }
        throw new GraphQLError('The person could not be authenticated.', { extensions: { code: 'UNAUTHENTICATED', reason, requestId, http: { status: 401 } } });
      }
    },
    // A government gateway does not phone home, whatever APOLLO_KEY says.
    plugins: [ledgerPlugin(recorder), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  };
}

function ledgerPlugin(recorder: AdminLedgerRecorder): ApolloServerPlugin<AdminContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, response, operationName }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          try {
            await recorder.record(
              contextValue,
              { name: operationName ?? request.operationName ?? null, text: request.query ?? null, variables: request.variables },
              errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
            );
            if (body.kind === 'single') body.singleResult.extensions = { ...body.singleResult.extensions, causeway: { requestId: contextValue.requestId } };
            else throw new Error('incremental delivery is not recorded');
          } catch {
            response.body = {
              kind: 'single',
              singleResult: { errors: [{ message: UNAVAILABLE, extensions: { code: 'LEDGER_UNAVAILABLE', requestId: contextValue.requestId } }] },
            };
            response.http.status = 503;
          }
        },
      };
    },
  };
}

/**
 * Refuses operations of a type the schema does not have (graphql-js 16 only
 * finds out while executing, and reports it as an internal error): an
 * auditor's mutation is a plain validation failure.
 */
function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The admin API has no ${node.operation} operations for this caller.`, { nodes: [node] }));
      }
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { exceededLimit, measureOperation } from '#policy';
import type { RequestLimits } from '../exchange/limits.config.js';
import { recordBeforeRelease, recordRefusal } from '../ledger/record-before-release.js';
import type { AdminAccess } from './admin-access.service.js';
import { adminGraphQLError, formatAdminError } from './admin-error.mapper.js';
import { anonymousContext, type AdminLedgerRecorder } from './admin-ledger.recorder.js';
import type { AdminContext } from './admin.context.js';
import { AdminError } from './admin.error.js';
import { UNPRINTABLE_MESSAGE, unprintableText } from './printable-text.js';

/**
 * The admin API (`POST /admin/graphql`) for people: authenticated by their
 * token, every resolver behind RolesGuard, every request recorded in the
 * ledger before its answer is released. Separate from the exchange
 * endpoint: bureau systems have no way in here, people none into /graphql.
 */
export function adminGraphqlOptions(access: AdminAccess, recorder: AdminLedgerRecorder, limits: RequestLimits, include: Array<new (...args: never[]) => unknown>): ApolloDriverConfig {
  return {
    path: '/admin/graphql',
    include,
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.tokens },
    formatError: formatAdminError,
    validationRules: [knownOperationTypes],
    // Guards also run for field resolvers, should one be added.
    fieldResolverEnhancers: ['guards', 'filters'],
    context: ({ req }: { req: Request }): Promise<AdminContext> => admit(access, recorder, req),
    // A government gateway does not phone home, whatever APOLLO_KEY says.
    plugins: [limitsPlugin(limits), ledgerPlugin(recorder), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  };
}

/** The person's context; a refused person is recorded before the refusal is sent. */
async function admit(access: AdminAccess, recorder: AdminLedgerRecorder, req: Request): Promise<AdminContext> {
  try {
    return await access.authenticate(req);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    const requestId = error.details.requestId!;
    await recordRefusal({ requestId }, () => recorder.record({ ...anonymousContext(req, requestId), person: error.person }, { name: null, text: null }, [error.code]));
    throw adminGraphQLError(error);
  }
}

/** People's operations are bounded like systems': measured before any resolver runs; their text must be printable. */
function limitsPlugin(limits: RequestLimits): ApolloServerPlugin<AdminContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request }) {
          const exceeded = exceededLimit(measureOperation(document, operationName), limits);
          if (exceeded) throw adminGraphQLError(AdminError.tooComplex(exceeded));
          // Names, descriptions and reasons are shown to people: none may carry control characters or bidi overrides.
          const unprintable = unprintableText(document, request.variables);
          if (unprintable !== null) {
            // Thrown before execution: a request error, which Apollo Server answers with 500 unless it carries a status.
            const refusal = adminGraphQLError(AdminError.badInput(UNPRINTABLE_MESSAGE, unprintable));
            throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}

function ledgerPlugin(recorder: AdminLedgerRecorder): ApolloServerPlugin<AdminContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, response, operationName }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          await recordBeforeRelease(response, { requestId: contextValue.requestId }, async () => {
            await recorder.record(
              contextValue,
              { name: operationName ?? request.operationName ?? null, text: request.query ?? null, variables: request.variables },
              errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
            );
            return {};
          });
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

import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/**
 * The schema callers see (the supergraph without its join/link machinery),
 * as the gateway validates operations against it; for deciding operations
 * outside a running gateway (policy simulation and fixtures).
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export { assertServable, composeSupergraph, CompositionError, type SubgraphSource } from './compose.js';
export { fetchSubgraphSdl, fetchSubgraphs, BureauUnreachableError, UnreachableBureausError, type SubgraphFetch } from './introspect.js';
export { signedSubgraphFetch, GATEWAY_SYSTEM } from './signed-fetch.js';
export { apiSchemaOf } from './api-schema.js';

import { randomUUID } from 'node:crypto';
import { bodyHash, type ExchangeTokenSigner } from '#exchange-token';
import type { SubgraphFetch } from './introspect.js';

/** The system name the gateway uses for its own requests (reading subgraph schemas). */
export const GATEWAY_SYSTEM = 'causeway-gateway';

/**
 * A fetch that signs each schema request for the bureau it goes to, as the
 * gateway itself: bureaus answer nothing, `_service` included, unsigned.
 */
export function signedSubgraphFetch(signer: ExchangeTokenSigner): SubgraphFetch {
  return async (bureau, init) => {
    const token = await signer.sign({
      bureau: bureau.name,
      system: GATEWAY_SYSTEM,
      department: GATEWAY_SYSTEM,
      purpose: 'supergraph-composition',
      exchangeId: randomUUID(),
      bodyHash: bodyHash(init.body),
    });
    return fetch(bureau.url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  };
}

import { cacheExchange, Client, CombinedError, fetchExchange } from 'urql';

/** The admin API's client for one session: POST only (the endpoint refuses GET, as a CSRF defence), the person's token on every request. */
export function adminClient(token: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/admin/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
}

/** The admin API's error for a person: its message, the stable code and the input it names. */
export interface ApiProblem {
  message: string;
  code: string | null;
  argument: string | null;
}

export function problemOf(error: CombinedError | undefined | null): ApiProblem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { message: error.networkError?.message ?? error.message, code: null, argument: null };
  const extensions = first.extensions as { code?: string; argument?: string };
  return { message: first.message, code: extensions.code ?? null, argument: extensions.argument ?? null };
}

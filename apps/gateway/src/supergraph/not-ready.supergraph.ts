import { composeSupergraph } from '#supergraph';

let cached: string | undefined;

/**
 * @apollo/gateway cannot start without a supergraph, and a gateway must
 * start (and say it is not ready) while bureaus are down. This one-field
 * graph stands in until the first real composition; the readiness stage
 * refuses every exchange meanwhile, so its fake bureau is never called.
 */
export function notReadySupergraph(): string {
  cached ??= composeSupergraph([
    {
      name: 'causeway-not-ready',
      url: 'http://127.0.0.1:9/not-ready',
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: []) type Query { causewayNotReady: Boolean }',
    },
  ]);
  return cached;
}
